package io.edgeloop.manager;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The model repository TensorFlow Serving reads, {@code <root>/<model>/<N>/}. A version is assembled in a
 * hidden staging directory beside it ({@code .<N>.incoming}, which model servers ignore) and renamed to
 * {@code <N>} in one atomic step once every file matched its manifest, so a server never sees half a model.
 * Leftovers of an interrupted copy are discarded when the version is staged again. Nothing outside the
 * version's directory is ever written: a manifest with another path is refused before anything is copied.
 */
public final class EdgeModelRepository {

    private static final Pattern PATH = Pattern.compile("[a-zA-Z0-9_.-]+(/[a-zA-Z0-9_.-]+)*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public EdgeModelRepository(String root) {
        this.root = Path.of(root).toAbsolutePath().normalize();
    }

    /**
     * Whether the version is already served (a copy completed before the ready bucket was cleaned up).
     * A directory with other content is refused rather than replaced: servers do not reload a version.
     */
    public boolean isPublished(Manifest manifest) throws IOException {
        Path published = versionDirectory(manifest);
        if (!Files.isDirectory(published)) {
            return false;
        }
        for (Manifest.Entry file : manifest.files()) {
            Path path = published.resolve(file.path());
            if (!Files.isRegularFile(path) || !file.sha256().equals(sha256(Files.newInputStream(path), OutputStream.nullOutputStream()))) {
                throw new IllegalArgumentException(manifest + " is already in " + published
                        + " with different content (" + file.path() + ")");
            }
        }
        return true;
    }

    /** A fresh, empty staging directory for the version, once its manifest is found safe. */
    public void beginStaging(Manifest manifest) throws IOException {
        versionDirectory(manifest);
        discardStaging(manifest);
        Files.createDirectories(stagingDirectory(manifest));
    }

    /** Writes one file into staging while checking its size and sha256 against the manifest. */
    public void stage(Manifest manifest, Manifest.Entry file, InputStream content) throws IOException {
        Path target = stagingDirectory(manifest).resolve(file.path());
        Files.createDirectories(target.getParent());
        String sha256;
        try (OutputStream out = Files.newOutputStream(target)) {
            sha256 = sha256(content, out);
        }
        long size = Files.size(target);
        if (size != file.size() || !sha256.equals(file.sha256())) {
            throw new IllegalArgumentException(manifest + ": " + file.path() + " does not match its manifest (size "
                    + size + " sha256 " + sha256 + ", expected size " + file.size() + " sha256 " + file.sha256() + ")");
        }
    }

    /** Adds the manifest and renames the staging directory to {@code <N>}: the version appears whole. */
    public void publish(Manifest manifest, String manifestJson) throws IOException {
        Path staging = stagingDirectory(manifest);
        Files.writeString(staging.resolve(Manifest.NAME), manifestJson, StandardCharsets.UTF_8);
        // Fails (AtomicMoveNotSupportedException, FileAlreadyExistsException...) rather than copy or replace.
        Files.move(staging, versionDirectory(manifest), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the version's staging directory, if any (none for a manifest refused before staging). */
    public void discardStaging(Manifest manifest) throws IOException {
        if (problemOf(manifest) != null) {
            return;
        }
        Path staging = stagingDirectory(manifest);
        if (Files.exists(staging)) {
            try (Stream<Path> tree = Files.walk(staging)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** The published file of a key of {@link Manifest#keys()}, to archive it. */
    public File publishedFile(Manifest manifest, String key) {
        if (!manifest.keys().contains(key)) {
            throw new IllegalArgumentException(key + " is not a file of " + manifest);
        }
        return versionDirectory(manifest).resolve(key.substring(manifest.prefix().length())).toFile();
    }

    /** {@code <root>/<model>/<N>}, once the manifest is checked to name only paths inside it. */
    private Path versionDirectory(Manifest manifest) {
        String problem = problemOf(manifest);
        if (problem != null) {
            throw new IllegalArgumentException(manifest.key() + problem);
        }
        return root.resolve(manifest.model()).resolve(Integer.toString(manifest.version()));
    }

    private static String problemOf(Manifest manifest) {
        if (!isPlainPath(manifest.model()) || manifest.model().contains("/")
                || manifest.version() == null || manifest.version() < 0) {
            return " names an invalid model or version";
        }
        if (manifest.files().isEmpty()) {
            return " lists no files";
        }
        for (Manifest.Entry file : manifest.files()) {
            if (file == null || !isPlainPath(file.path()) || file.path().equals(Manifest.NAME) || file.size() == null
                    || file.size() < 0 || file.sha256() == null || !SHA256.matcher(file.sha256()).matches()) {
                return " has an invalid file entry: " + file;
            }
        }
        return null;
    }

    private Path stagingDirectory(Manifest manifest) {
        return versionDirectory(manifest).resolveSibling("." + manifest.version() + ".incoming");
    }

    /** Relative, without {@code .} or {@code ..} parts: resolves inside its directory. */
    private static boolean isPlainPath(String path) {
        return path != null && PATH.matcher(path).matches()
                && Stream.of(path.split("/")).noneMatch(part -> part.equals(".") || part.equals(".."));
    }

    /** Copies the content to the output, closing the content, and gives its sha256. */
    private static String sha256(InputStream content, OutputStream copy) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(content, digest)) {
            in.transferTo(copy);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
