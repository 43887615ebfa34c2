package io.edgeloop.manager;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * The model repository TensorFlow Serving reads, {@code <root>/<model>/<N>/}. A version is assembled in
 * a hidden staging directory beside it ({@code .<N>.incoming}, which model servers ignore) and renamed
 * to {@code <N>} in one atomic step once every file matched its manifest, so a server never sees half a
 * model. Leftovers of an interrupted copy are discarded when the version is staged again.
 */
public final class EdgeModelRepository {

    private final Path root;

    public EdgeModelRepository(String root) {
        this.root = Path.of(root).toAbsolutePath().normalize();
    }

    /**
     * Whether the version is already served (a copy completed before the ready bucket was cleaned up).
     * A directory with other content is refused rather than replaced: servers do not reload a version.
     */
    public boolean isPublished(ModelVersion version) throws IOException {
        Path published = versionDirectory(version);
        if (!Files.isDirectory(published)) {
            return false;
        }
        for (ModelFile file : version.files()) {
            Path path = published.resolve(file.path());
            if (!Files.isRegularFile(path) || !sha256(path).equals(file.sha256())) {
                throw new VersionRefusedException(version + " is already in " + published
                        + " with different content (" + file.path() + ")");
            }
        }
        return true;
    }

    /** A fresh, empty staging directory for the version. */
    public void beginStaging(ModelVersion version) throws IOException {
        discardStaging(version);
        Files.createDirectories(stagingDirectory(version));
    }

    /** Writes one file into staging while checking its size and sha256 against the manifest. */
    public void stage(ModelVersion version, ModelFile file, InputStream content) throws IOException {
        Path target = stagingDirectory(version).resolve(file.path());
        Files.createDirectories(target.getParent());
        MessageDigest digest = sha256Digest();
        long size;
        try (InputStream in = new DigestInputStream(content, digest); OutputStream out = Files.newOutputStream(target)) {
            size = in.transferTo(out);
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        if (size != file.size() || !sha256.equals(file.sha256())) {
            throw new VersionRefusedException(version + ": " + file.path() + " does not match its manifest (size "
                    + size + " sha256 " + sha256 + ", expected size " + file.size() + " sha256 " + file.sha256() + ")");
        }
    }

    /** Adds the manifest and renames the staging directory to {@code <N>}: the version appears whole. */
    public void publish(ModelVersion version) throws IOException {
        Path staging = stagingDirectory(version);
        Files.writeString(staging.resolve(ModelVersion.MANIFEST), version.manifest(), StandardCharsets.UTF_8);
        try {
            Files.move(staging, versionDirectory(version), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            throw new IOException("cannot publish " + version + " atomically into " + versionDirectory(version), e);
        }
    }

    public void discardStaging(ModelVersion version) throws IOException {
        Path staging = stagingDirectory(version);
        if (Files.exists(staging)) {
            try (Stream<Path> tree = Files.walk(staging)) {
                tree.sorted(Comparator.reverseOrder()).forEach(EdgeModelRepository::delete);
            }
        }
    }

    /** A published file, to archive it. */
    public File publishedFile(ModelVersion version, ModelFile file) {
        return versionDirectory(version).resolve(file.path()).toFile();
    }

    private Path versionDirectory(ModelVersion version) {
        return root.resolve(version.model()).resolve(Integer.toString(version.version()));
    }

    private Path stagingDirectory(ModelVersion version) {
        return root.resolve(version.model()).resolve("." + version.version() + ".incoming");
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
