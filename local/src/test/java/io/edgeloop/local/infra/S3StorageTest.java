package io.edgeloop.local.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.SlowPut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local S3 server on disk answers as in memory (what every route and the trainer rely on), keeps everything
 * over a restart, and never shows or leaves half an object.
 */
class S3StorageTest {

    private static final S3Credentials CREDENTIALS = new S3Credentials("test", "test-secret");
    private static final String BUCKET = "data";

    @TempDir
    Path dataDir;

    private EmbeddedS3 start(String storage) throws Exception {
        EmbeddedS3 s3 = new EmbeddedS3("test", FreePorts.next(), CREDENTIALS, List.of(BUCKET),
                storage.equals("disk") ? S3Storage.onDisk(dataDir.resolve("s3")) : S3Storage.inMemory());
        s3.start();
        return s3;
    }

    private static S3Client client(EmbeddedS3 s3) {
        return S3Clients.connect(s3.endpoint(), CREDENTIALS, "us-east-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void anObjectComesBackWithItsContentTypeUserMetadataAndETag(String storage) throws Exception {
        try (EmbeddedS3 s3 = start(storage); S3Client client = client(s3)) {
            byte[] photo = "jpeg bytes".getBytes(StandardCharsets.UTF_8);
            String eTag = client.putObject(b -> b.bucket(BUCKET).key("images/tea-green/1.jpg").contentType("image/jpeg")
                    .metadata(Map.of("sha256", "abc123")), RequestBody.fromBytes(photo)).eTag();

            var object = client.getObjectAsBytes(b -> b.bucket(BUCKET).key("images/tea-green/1.jpg"));
            assertThat(object.asByteArray()).isEqualTo(photo);
            assertThat(object.response().contentType()).isEqualTo("image/jpeg");
            assertThat(object.response().metadata()).containsEntry("sha256", "abc123");
            assertThat(eTag).isEqualTo("\"" + md5(photo) + "\"").isEqualTo(object.response().eTag());
            var head = client.headObject(b -> b.bucket(BUCKET).key("images/tea-green/1.jpg"));
            assertThat(head.contentLength()).isEqualTo(photo.length);
            assertThat(head.metadata()).containsEntry("sha256", "abc123");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void listingsHaveTheKeysWithSlashesAndNoDirectories(String storage) throws Exception {
        try (EmbeddedS3 s3 = start(storage); S3Client client = client(s3)) {
            for (String key : List.of("images/a/1.jpg", "images/a/2.jpg", "images/b/1.jpg", "batches/x.json")) {
                client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(key));
            }

            assertThat(keys(client, "")).containsExactly("batches/x.json", "images/a/1.jpg", "images/a/2.jpg",
                    "images/b/1.jpg");
            assertThat(keys(client, "images/a/")).containsExactly("images/a/1.jpg", "images/a/2.jpg");
            var delimited = client.listObjectsV2(b -> b.bucket(BUCKET).prefix("images/").delimiter("/"));
            assertThat(delimited.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("images/a/", "images/b/");
            assertThat(delimited.contents()).isEmpty();
            var page = client.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(2));
            assertThat(page.contents()).extracting(S3Object::key).containsExactly("batches/x.json", "images/a/1.jpg");
            assertThat(page.isTruncated()).isTrue();
            assertThat(client.listObjectsV2(b -> b.bucket(BUCKET).continuationToken(page.nextContinuationToken()))
                    .contents()).extracting(S3Object::key).containsExactly("images/a/2.jpg", "images/b/1.jpg");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void copiesKeepOrReplaceTheMetadataAndDeletesRemoveTheKey(String storage) throws Exception {
        try (EmbeddedS3 s3 = start(storage); S3Client client = client(s3)) {
            client.putObject(b -> b.bucket(BUCKET).key("models/m/1/saved_model.pb").contentType("application/x-pb")
                    .metadata(Map.of("sha256", "s1")), RequestBody.fromString("graph"));

            client.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("models/m/1/saved_model.pb")
                    .destinationBucket(BUCKET).destinationKey("archive/m/1/saved_model.pb"));
            client.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("models/m/1/saved_model.pb")
                    .destinationBucket(BUCKET).destinationKey("archive/m/1/replaced.pb")
                    .metadataDirective(MetadataDirective.REPLACE).contentType("text/plain").metadata(Map.of("sha256", "s2")));
            client.deleteObject(b -> b.bucket(BUCKET).key("models/m/1/saved_model.pb"));

            var copy = client.getObjectAsBytes(b -> b.bucket(BUCKET).key("archive/m/1/saved_model.pb"));
            assertThat(copy.asUtf8String()).isEqualTo("graph");
            assertThat(copy.response().contentType()).isEqualTo("application/x-pb");
            assertThat(copy.response().metadata()).containsEntry("sha256", "s1");
            var replaced = client.headObject(b -> b.bucket(BUCKET).key("archive/m/1/replaced.pb"));
            assertThat(replaced.contentType()).isEqualTo("text/plain");
            assertThat(replaced.metadata()).containsEntry("sha256", "s2");
            assertThat(keys(client, "")).containsExactly("archive/m/1/replaced.pb", "archive/m/1/saved_model.pb");
            assertThatThrownBy(() -> client.headObject(b -> b.bucket(BUCKET).key("models/m/1/saved_model.pb")))
                    .isInstanceOf(NoSuchKeyException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void aCopyWhoseSourceConditionFailsIsRefusedWith412AndWritesNothing(String storage) throws Exception {
        try (EmbeddedS3 s3 = start(storage); S3Client client = client(s3)) {
            String etag = client.putObject(b -> b.bucket(BUCKET).key("unclassified/1.jpg"), RequestBody.fromString("photo")).eTag();

            assertThatThrownBy(() -> client.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("unclassified/1.jpg")
                    .destinationBucket(BUCKET).destinationKey("images/a/1.jpg").copySourceIfMatch("\"other\"")))
                    .isInstanceOf(S3Exception.class).extracting(e -> ((S3Exception) e).statusCode()).isEqualTo(412);
            assertThatThrownBy(() -> client.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("unclassified/1.jpg")
                    .destinationBucket(BUCKET).destinationKey("images/a/1.jpg").copySourceIfNoneMatch(etag)))
                    .isInstanceOf(S3Exception.class).extracting(e -> ((S3Exception) e).statusCode()).isEqualTo(412);
            assertThat(keys(client, "images/")).isEmpty();

            var copied = client.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("unclassified/1.jpg")
                    .destinationBucket(BUCKET).destinationKey("images/a/1.jpg").copySourceIfMatch(etag));
            assertThat(copied.copyObjectResult().eTag()).isEqualTo(etag);
            assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key("images/a/1.jpg")).asUtf8String()).isEqualTo("photo");
            assertThatThrownBy(() -> client.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("unclassified/none.jpg")
                    .destinationBucket(BUCKET).destinationKey("images/a/2.jpg"))).isInstanceOf(NoSuchKeyException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void aMultipartUploadBecomesOneWholeObject(String storage) throws Exception {
        try (EmbeddedS3 s3 = start(storage); S3Client client = client(s3)) {
            byte[] first = randomBytes(5 * 1024 * 1024, 1);
            byte[] second = randomBytes(1000, 2);
            String uploadId = client.createMultipartUpload(b -> b.bucket(BUCKET).key("big/model.bin")
                    .contentType("application/octet-stream")).uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            for (byte[] part : List.of(first, second)) {
                int number = parts.size() + 1;
                String eTag = client.uploadPart(b -> b.bucket(BUCKET).key("big/model.bin").uploadId(uploadId)
                        .partNumber(number), RequestBody.fromBytes(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            }
            client.completeMultipartUpload(b -> b.bucket(BUCKET).key("big/model.bin").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));

            byte[] whole = client.getObjectAsBytes(b -> b.bucket(BUCKET).key("big/model.bin")).asByteArray();
            assertThat(whole).hasSize(first.length + second.length);
            assertThat(md5(whole)).isEqualTo(md5(concat(first, second)));
            assertThat(keys(client, "")).containsExactly("big/model.bin");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void anUploadWhoseContentMd5DoesNotMatchIsRefusedAndStoresNothing(String storage) throws Exception {
        try (EmbeddedS3 s3 = start(storage); S3Client client = client(s3)) {
            String wrongMd5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(new byte[1]));

            assertThatThrownBy(() -> client.putObject(b -> b.bucket(BUCKET).key("x.jpg").contentMD5(wrongMd5),
                    RequestBody.fromString("content"))).isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(400));
            assertThat(keys(client, "")).isEmpty();
        }
    }

    @Test
    void objectsAndTheirMetadataSurviveARestart() throws Exception {
        String eTag;
        try (EmbeddedS3 s3 = start("disk"); S3Client client = client(s3)) {
            eTag = client.putObject(b -> b.bucket(BUCKET).key("images/tea-green/1.jpg").contentType("image/jpeg")
                    .metadata(Map.of("sha256", "abc")), RequestBody.fromString("photo")).eTag();
        }
        try (EmbeddedS3 s3 = start("disk"); S3Client client = client(s3)) {
            var object = client.getObjectAsBytes(b -> b.bucket(BUCKET).key("images/tea-green/1.jpg"));
            assertThat(object.asUtf8String()).isEqualTo("photo");
            assertThat(object.response().contentType()).isEqualTo("image/jpeg");
            assertThat(object.response().metadata()).containsEntry("sha256", "abc");
            assertThat(object.response().eTag()).isEqualTo(eTag);
            assertThat(keys(client, "")).containsExactly("images/tea-green/1.jpg");
        }
        assertThat(dataDir.resolve("s3/buckets/data/images/tea-green/1.jpg")).hasContent("photo");
    }

    @Test
    void aListingDuringAnUploadWorksAndDoesNotShowTheUploadUntilItIsWhole() throws Exception {
        try (EmbeddedS3 s3 = start("disk"); S3Client client = client(s3)) {
            client.putObject(b -> b.bucket(BUCKET).key("images/a/1.jpg"), RequestBody.fromString("one"));
            byte[] content = randomBytes(1_000_000, 3);
            try (SlowPut put = SlowPut.start(s3.endpoint(), CREDENTIALS, BUCKET, "images/a/2.jpg", content, 500_000)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> sizeOfIncoming() == 500_000);

                assertThat(keys(client, "images/")).containsExactly("images/a/1.jpg");

                assertThat(put.finish()).contains("200");
            }
            assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key("images/a/2.jpg")).asByteArray()).isEqualTo(content);
            assertThat(keys(client, "images/")).containsExactly("images/a/1.jpg", "images/a/2.jpg");
            assertThat(sizeOfIncoming()).isZero();
        }
    }

    @Test
    void anUploadTheClientAbandonsLeavesNothing() throws Exception {
        try (EmbeddedS3 s3 = start("disk"); S3Client client = client(s3)) {
            try (SlowPut put = SlowPut.start(s3.endpoint(), CREDENTIALS, BUCKET, "images/a/cut.jpg",
                    randomBytes(1_000_000, 4), 400_000)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> sizeOfIncoming() == 400_000);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> incoming().isEmpty());
            assertThat(keys(client, "")).isEmpty();
            assertThatThrownBy(() -> client.headObject(b -> b.bucket(BUCKET).key("images/a/cut.jpg")))
                    .isInstanceOf(NoSuchKeyException.class);
        }
    }

    private List<Path> incoming() throws Exception {
        try (Stream<Path> files = Files.list(dataDir.resolve("s3/incoming"))) {
            return files.toList();
        }
    }

    private long sizeOfIncoming() throws Exception {
        long size = 0;
        for (Path file : incoming()) {
            size += Files.size(file);
        }
        return size;
    }

    private static List<String> keys(S3Client client, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }
}
