package io.edgeloop.local.infra;

import java.net.URI;
import java.util.List;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.blobstore.BlobStore;

/**
 * An S3-compatible server (S3Proxy) with its buckets created on start, keeping its objects on disk or in memory
 * ({@link S3Storage}).
 */
public final class EmbeddedS3 implements AutoCloseable {

    private final String name;
    private final int port;
    private final S3Credentials credentials;
    private final List<String> buckets;
    private final S3Storage storage;
    private S3Proxy proxy;
    private BlobStore blobStore;

    public EmbeddedS3(String name, int port, S3Credentials credentials, List<String> buckets, S3Storage storage) {
        this.name = name;
        this.port = port;
        this.credentials = credentials;
        this.buckets = List.copyOf(buckets);
        this.storage = storage;
    }

    public void start() throws Exception {
        blobStore = storage.open(credentials);
        for (String bucket : buckets) {
            blobStore.createContainerInLocation(null, bucket);
        }
        proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, credentials.accessKey(), credentials.secretKey())
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
    }

    public String name() {
        return name;
    }

    public String endpoint() {
        return "http://localhost:" + port;
    }

    public List<String> buckets() {
        return buckets;
    }

    public S3Storage storage() {
        return storage;
    }

    @Override
    public void close() throws Exception {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
        if (blobStore != null) {
            blobStore.getContext().close();
            blobStore = null;
        }
    }
}
