package io.edgeloop.local.testing;

import java.util.List;

import io.edgeloop.local.infra.S3Clients;
import io.edgeloop.local.infra.S3Credentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A plain AWS SDK client, to put test data in and check what routes wrote to a bucket. */
public final class S3TestClient implements AutoCloseable {

    private final S3Client client;

    public S3TestClient(String endpoint, S3Credentials credentials) {
        this.client = S3Clients.connect(endpoint, credentials, "us-east-1");
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    public void put(String bucket, String key, byte[] content) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    public byte[] get(String bucket, String key) {
        return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    /** Keys under a prefix, sorted. */
    public List<String> keys(String bucket, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    public void deleteAll(String bucket) {
        keys(bucket, "").forEach(key -> client.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    public S3Client sdk() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
