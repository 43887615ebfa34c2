package io.edgeloop.local.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.ContainerNotFoundException;
import org.jclouds.blobstore.KeyNotFoundException;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobAccess;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.http.HttpCommand;
import org.jclouds.http.HttpRequest;
import org.jclouds.http.HttpResponse;
import org.jclouds.http.HttpResponseException;
import org.jclouds.io.ContentMetadata;

/**
 * S3Proxy's {@code filesystem-nio2} store ({@code buckets/<bucket>/<key>}, metadata in extended attributes) with
 * whole-object writes: a PUT is written, given its attributes and flushed in {@code incoming/}, outside the
 * buckets, then renamed into place in one atomic step, so after a crash an object is there whole or not at all.
 * The store's own PUT writes its temporary file beside the object, where a listing running meanwhile fails on it
 * (a file without an ETag attribute yet) and where a crash or a client gone mid-upload leaves it behind.
 * A copy is written the same way: the store's own copy reads the source and writes it through the store's own PUT.
 * Reads, listings, deletes and multipart uploads are the store's own.
 */
final class DiskBlobStore extends ForwardingBlobStore {

    // The attribute names of S3Proxy 2.6.0's AbstractNio2BlobStore, which reads what is written here.
    static final String XATTR_CONTENT_MD5 = "user.content-md5";
    private static final Map<String, Function<ContentMetadata, String>> XATTR_CONTENT = Map.of(
            "user.cache-control", ContentMetadata::getCacheControl,
            "user.content-disposition", ContentMetadata::getContentDisposition,
            "user.content-encoding", ContentMetadata::getContentEncoding,
            "user.content-language", ContentMetadata::getContentLanguage,
            "user.content-type", ContentMetadata::getContentType);
    private static final String XATTR_EXPIRES = "user.expires";
    private static final String XATTR_STORAGE_TIER = "user.storage-tier";
    private static final String XATTR_USER_METADATA_PREFIX = "user.user-metadata.";
    /** A rename into a parent directory that a concurrent delete just removed as empty is tried again. */
    private static final int MOVE_ATTEMPTS = 3;

    private final Path buckets;
    private final Path incoming;

    private DiskBlobStore(BlobStore store, Path buckets, Path incoming) {
        super(store);
        this.buckets = buckets;
        this.incoming = incoming;
    }

    /** Opens the store in {@code directory}, after removing what writes cut by a crash left there. */
    static DiskBlobStore open(Path directory, S3Credentials credentials) throws IOException {
        Path buckets = Files.createDirectories(directory.resolve("buckets"));
        Path incoming = Files.createDirectories(directory.resolve("incoming"));
        ExtendedAttributes.require(incoming);
        CutWrites.remove(buckets, incoming);
        Properties settings = new Properties();
        settings.setProperty("jclouds.filesystem.basedir", buckets.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem-nio2")
                .credentials(credentials.accessKey(), credentials.secretKey())
                .overrides(settings)
                .build(BlobStoreContext.class);
        return new DiskBlobStore(context.getBlobStore(), buckets, incoming);
    }

    @Override
    public String putBlob(String container, Blob blob) {
        return putBlob(container, blob, PutOptions.NONE);
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        String key = blob.getMetadata().getName();
        if (key.endsWith("/")) {
            // A directory marker: a directory with attributes and no content, created by the store in one step.
            return delegate().putBlob(container, blob, options);
        }
        if (!delegate().containerExists(container)) {
            throw new ContainerNotFoundException(container, "");
        }
        Path bucket = buckets.resolve(container);
        Path target = bucket.resolve(key).normalize();
        if (!target.startsWith(bucket) || target.equals(bucket)) {
            throw new IllegalArgumentException("Invalid key name: " + key);
        }
        Path staged = incoming.resolve(UUID.randomUUID().toString());
        try {
            byte[] md5 = writeWhole(blob, options.getBlobAccess(), staged);
            moveIntoPlace(staged, target);
            return "\"" + HexFormat.of().formatHex(md5) + "\"";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(staged);
        }
    }

    /**
     * S3's CopyObject, its source conditions checked as the store checks them (412 when one fails), the source's
     * content and metadata (or those of the request) written through {@link #putBlob}.
     */
    @Override
    public String copyBlob(String fromContainer, String fromName, String toContainer, String toName, CopyOptions options) {
        Blob source = delegate().getBlob(fromContainer, fromName);
        if (source == null) {
            throw new KeyNotFoundException(fromContainer, fromName, "while copying");
        }
        BlobMetadata metadata = source.getMetadata();
        if (!CopyConditions.hold(options, metadata.getETag(), metadata.getLastModified())) {
            throw answered(412); // PreconditionFailed
        }
        ContentMetadata content = options.contentMetadata() != null ? options.contentMetadata() : metadata.getContentMetadata();
        Blob copy = blobBuilder(toName)
                .payload(source.getPayload())
                .contentLength(metadata.getContentMetadata().getContentLength())
                .cacheControl(content.getCacheControl())
                .contentDisposition(content.getContentDisposition())
                .contentEncoding(content.getContentEncoding())
                .contentLanguage(content.getContentLanguage())
                .contentType(content.getContentType())
                .userMetadata(options.userMetadata() != null ? options.userMetadata() : metadata.getUserMetadata())
                .build();
        return putBlob(toContainer, copy);
    }

    /** Content, attributes and access of the object in {@code staged}, flushed to the disk; returns its MD5. */
    private static byte[] writeWhole(Blob blob, BlobAccess access, Path staged) throws IOException {
        MessageDigest md5 = md5();
        try (FileChannel file = FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            try (InputStream in = new DigestInputStream(blob.getPayload().openStream(), md5)) {
                OutputStream out = Channels.newOutputStream(file);
                in.transferTo(out);
            }
            byte[] digest = md5.digest();
            ContentMetadata content = blob.getMetadata().getContentMetadata();
            byte[] expected = content.getContentMD5();
            if (expected != null && !MessageDigest.isEqual(expected, digest)) {
                throw answered(400); // BadDigest
            }
            writeAttributes(staged, digest, blob);
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(staged);
            if (access == BlobAccess.PUBLIC_READ) {
                permissions.add(PosixFilePermission.OTHERS_READ);
            } else {
                permissions.remove(PosixFilePermission.OTHERS_READ);
            }
            Files.setPosixFilePermissions(staged, permissions);
            // On the disk before the rename: after a power cut too, the name never points at missing content.
            file.force(true);
            return digest;
        }
    }

    private static void writeAttributes(Path staged, byte[] md5, Blob blob) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(staged, UserDefinedFileAttributeView.class);
        view.write(XATTR_CONTENT_MD5, ByteBuffer.wrap(md5));
        ContentMetadata content = blob.getMetadata().getContentMetadata();
        for (var attribute : XATTR_CONTENT.entrySet()) {
            writeString(view, attribute.getKey(), attribute.getValue().apply(content));
        }
        if (content.getExpires() != null) {
            view.write(XATTR_EXPIRES, ByteBuffer.allocate(Long.BYTES).putLong(0, content.getExpires().getTime()));
        }
        writeString(view, XATTR_STORAGE_TIER, blob.getMetadata().getTier().toString());
        for (var entry : blob.getMetadata().getUserMetadata().entrySet()) {
            writeString(view, XATTR_USER_METADATA_PREFIX + entry.getKey(), entry.getValue());
        }
    }

    private static void writeString(UserDefinedFileAttributeView view, String name, String value) throws IOException {
        if (value != null) {
            view.write(name, ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static void moveIntoPlace(Path staged, Path target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(target.getParent());
            try {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (NoSuchFileException parentRemoved) {
                if (attempt == MOVE_ATTEMPTS) {
                    throw parentRemoved;
                }
            }
        }
    }

    private static void deleteQuietly(Path staged) {
        try {
            Files.deleteIfExists(staged);
        } catch (IOException e) {
            // incoming/ is emptied at the next start
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A failure S3Proxy answers with this status (and its S3 error code), raised as the store itself raises it. */
    private static HttpResponseException answered(int status) {
        return new HttpResponseException(new HttpCommand(HttpRequest.builder().method("PUT")
                .endpoint("http://localhost").build()), HttpResponse.builder().statusCode(status).build());
    }
}
