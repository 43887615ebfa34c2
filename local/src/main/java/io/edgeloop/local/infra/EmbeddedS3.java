package io.edgeloop.local.infra;

import java.net.URI;
import java.util.List;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3-compatible server (S3Proxy over an in-memory blob store) with its buckets created on start.
 * In-memory because the platform is a demo and test bed: a restart starts from clean buckets.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private final String name;
    private final int port;
    private final S3Credentials credentials;
    private final List<String> buckets;
    private S3Proxy proxy;
    private BlobStoreContext blobStoreContext;

    public EmbeddedS3(String name, int port, S3Credentials credentials, List<String> buckets) {
        this.name = name;
        this.port = port;
        this.credentials = credentials;
        this.buckets = List.copyOf(buckets);
    }

    public void start() throws Exception {
        blobStoreContext = ContextBuilder.newBuilder("transient")
                .credentials(credentials.accessKey(), credentials.secretKey())
                .build(BlobStoreContext.class);
        BlobStore blobStore = blobStoreContext.getBlobStore();
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

    @Override
    public void close() throws Exception {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
        if (blobStoreContext != null) {
            blobStoreContext.close();
            blobStoreContext = null;
        }
    }
}
