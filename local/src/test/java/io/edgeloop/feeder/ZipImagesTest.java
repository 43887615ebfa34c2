package io.edgeloop.feeder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.edgeloop.local.testing.TestImages;
import io.edgeloop.local.testing.ZipBuilder;
import org.junit.jupiter.api.Test;

class ZipImagesTest {

    private static final long MAX_ENTRY_BYTES = 100_000;
    private static final int MAX_ENTRIES = 5;
    private static final long MAX_TOTAL_BYTES = 250_000;

    @Test
    void imagesComeOneByOneWithClassTypeAndSha256() {
        byte[] jpeg = TestImages.jpeg(1);
        List<ZipEntryOutcome> outcomes = read(new ZipBuilder().directory("images/tea-green")
                .add("images/tea-green/a.jpg", jpeg).add("images/tea-lemon/b.PNG", TestImages.png(2)).build());

        assertThat(outcomes).extracting(ZipEntryOutcome::entry).containsExactly("images/tea-green/a.jpg", "images/tea-lemon/b.PNG");
        assertThat(outcomes).extracting(ZipEntryOutcome::status).containsOnly("image");
        assertThat(outcomes).extracting(ZipEntryOutcome::className).containsExactly("tea-green", "tea-lemon");
        assertThat(outcomes).extracting(ZipEntryOutcome::contentType).containsExactly("image/jpeg", "image/png");
        assertThat(outcomes.get(0).content()).isEqualTo(jpeg);
        assertThat(outcomes.get(0).size()).isEqualTo(jpeg.length);
        assertThat(outcomes.get(0).sha256()).hasSize(64).isEqualTo(sha256Hex(jpeg));
        assertThat(outcomes.get(0).as("stored").content()).isNull();
    }

    @Test
    void entriesThatAreNoImagesAreSkippedWithTheirReason() {
        List<ZipEntryOutcome> outcomes = read(new ZipBuilder()
                .add("__MACOSX/images/a/._x.jpg", new byte[] {1}).add("README.md", new byte[] {1})
                .add("images/Tea Green/b.jpg", TestImages.jpeg(3)).add("images/a/notes.txt", new byte[] {1})
                .add("images/a/fake.jpg", "text".getBytes()).build());

        assertThat(outcomes).extracting(ZipEntryOutcome::status).containsOnly("skipped");
        assertThat(outcomes).extracting(ZipEntryOutcome::reason).containsExactly("operating system metadata",
                "not an image under images/<class>/", "class name must be lower case letters, digits, '-' or '_'",
                "not a .jpg, .jpeg or .png file", "content is not a JPEG or PNG image");
    }

    @Test
    void zipSlipNamesRefuseTheWholeArchive() {
        for (String name : List.of("images/a/../../../etc/passwd.jpg", "/images/a/x.jpg", "images\\a\\x.jpg",
                "C:/images/a/x.jpg", "images/a/x\0.jpg", "../x.jpg")) {
            byte[] zip = new ZipBuilder().add("images/a/ok.jpg", TestImages.jpeg(4)).add(name, TestImages.jpeg(5)).build();

            assertThatThrownBy(() -> read(zip)).as(name)
                    .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsafe entry name");
        }
    }

    @Test
    void anEntryInflatingOverItsLimitIsCutOffWhileItInflates() {
        byte[] bomb = Arrays.copyOf(TestImages.jpeg(6), 100 * (int) MAX_ENTRY_BYTES); // zeros: compresses ~1000:1
        byte[] zip = new ZipBuilder().add("images/a/bomb.jpg", bomb).build();

        assertThat(zip.length).isLessThan(bomb.length / 100);
        assertThatThrownBy(() -> read(zip)).isInstanceOf(ZipLimitExceededException.class)
                .hasMessage("entry images/a/bomb.jpg is larger than " + MAX_ENTRY_BYTES + " bytes");
    }

    @Test
    void entriesTogetherOverTheTotalLimitAreCutOff() {
        byte[] big = Arrays.copyOf(TestImages.jpeg(7), (int) MAX_ENTRY_BYTES - 1);
        byte[] zip = new ZipBuilder().add("images/a/1.jpg", big).add("images/a/2.jpg", big)
                .add("README.md", big).build(); // skipped entries count too

        assertThatThrownBy(() -> read(zip)).isInstanceOf(ZipLimitExceededException.class)
                .hasMessage("the ZIP inflates to more than " + MAX_TOTAL_BYTES + " bytes");
    }

    @Test
    void moreEntriesThanTheLimitAreRefused() {
        ZipBuilder builder = new ZipBuilder();
        for (int i = 0; i <= MAX_ENTRIES; i++) {
            builder.add("images/a/" + i + ".jpg", TestImages.jpeg(i));
        }
        ZipImages images = ZipImages.of(new ByteArrayInputStream(builder.build()), MAX_ENTRY_BYTES, MAX_ENTRIES, MAX_TOTAL_BYTES);

        for (int i = 0; i < MAX_ENTRIES; i++) {
            assertThat(images.next().status()).isEqualTo("image");
        }
        assertThatThrownBy(images::hasNext).isInstanceOf(ZipLimitExceededException.class)
                .hasMessage("the ZIP has more than " + MAX_ENTRIES + " entries");
        assertThat(images.hasNext()).as("a refused archive has no further entries").isFalse();
    }

    @Test
    void aZipCutOffBetweenTwoEntriesIsRefusedOnceItsEntriesAreRead() {
        byte[] zip = new ZipBuilder().add("images/a/1.jpg", TestImages.jpeg(8)).add("images/a/2.jpg", TestImages.jpeg(9))
                .add("images/a/3.jpg", TestImages.jpeg(10)).build();
        byte[] cut = Arrays.copyOf(zip, FeederTest.localHeaderOffset(zip, 2)); // two whole entries, no central directory
        ZipImages images = ZipImages.of(new ByteArrayInputStream(cut), MAX_ENTRY_BYTES, MAX_ENTRIES, MAX_TOTAL_BYTES);

        assertThat(images.next().entry()).isEqualTo("images/a/1.jpg");
        assertThat(images.next().entry()).isEqualTo("images/a/2.jpg");
        assertThatThrownBy(images::hasNext).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("the upload broke off: the ZIP has no end of archive");
    }

    @Test
    void aZipCutOffInsideAnEntryIsRefused() {
        byte[] zip = new ZipBuilder().add("images/a/1.jpg", TestImages.jpeg(11)).build();

        assertThatThrownBy(() -> read(ZipBuilder.truncated(zip, 0.5))).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the upload broke off");
    }

    @Test
    void somethingThatIsNoZipIsRefused() {
        assertThatThrownBy(() -> read("not a zip".getBytes())).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("the upload is not a ZIP archive or holds no files");
        assertThatThrownBy(() -> read(new ZipBuilder().directory("images").build()))
                .hasMessage("the upload is not a ZIP archive or holds no files");
    }

    @Test
    void aZipWithACommentAtItsEndIsWhole() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
            out.setComment("x".repeat(60_000));
            out.putNextEntry(new java.util.zip.ZipEntry("images/a/1.jpg"));
            out.write(TestImages.jpeg(12));
        }

        assertThat(read(bytes.toByteArray())).hasSize(1);
    }

    private static List<ZipEntryOutcome> read(byte[] zip) {
        List<ZipEntryOutcome> outcomes = new ArrayList<>();
        ZipImages.of(new ByteArrayInputStream(zip), MAX_ENTRY_BYTES, MAX_ENTRIES, MAX_TOTAL_BYTES).forEachRemaining(outcomes::add);
        return outcomes;
    }

    private static String sha256Hex(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
