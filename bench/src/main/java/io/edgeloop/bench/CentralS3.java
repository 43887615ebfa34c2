package io.edgeloop.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.edgeloop.local.infra.S3Clients;
import io.edgeloop.local.infra.S3Credentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The central S3 server as the connection settings of {@code central.properties} describe it. */
final class CentralS3 implements AutoCloseable {

    private final S3Client client;

    private CentralS3(S3Client client) {
        this.client = client;
    }

    static CentralS3 connect(Properties central) {
        S3Client client = S3Clients.connect(required(central, "s3.endpoint"), new S3Credentials(
                required(central, "s3.accessKey"), required(central, "s3.secretKey")), central.getProperty("s3.region", "us-east-1"));
        return new CentralS3(client);
    }

    /** The SDK client itself, for the trainer's publishing classes. */
    S3Client client() {
        return client;
    }

    private static String required(Properties props, String key) {
        String value = props.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("central.properties has no " + key);
        }
        return value;
    }

    /**
     * PUTs every image of the ZIP into {@code bucket}, one after the other as the feeder does; returns the
     * nanoseconds spent in the PUT calls only (reading the entry back from the local ZIP is not counted).
     */
    long putAll(ImageZip zip, String bucket) throws IOException {
        long[] nanos = {0};
        zip.forEachImage((key, content) -> {
            long start = System.nanoTime();
            client.putObject(b -> b.bucket(bucket).key(key).contentType("image/jpeg").contentLength((long) content.length),
                    RequestBody.fromBytes(content));
            nanos[0] += System.nanoTime() - start;
        });
        return nanos[0];
    }

    void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    void deleteBucket(String bucket) {
        client.deleteBucket(b -> b.bucket(bucket));
    }

    boolean exists(String bucket, String key) {
        try {
            client.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    Map<String, String> metadata(String bucket, String key) {
        return client.headObject(b -> b.bucket(bucket).key(key)).metadata();
    }

    /** Deletes the keys, in batches where the server takes DeleteObjects, else one by one. */
    void delete(String bucket, List<String> keys) {
        for (int from = 0; from < keys.size(); from += 1000) {
            List<ObjectIdentifier> batch = new ArrayList<>();
            for (String key : keys.subList(from, Math.min(keys.size(), from + 1000))) {
                batch.add(ObjectIdentifier.builder().key(key).build());
            }
            try {
                client.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
            } catch (S3Exception e) {
                for (ObjectIdentifier id : batch) {
                    client.deleteObject(b -> b.bucket(bucket).key(id.key()));
                }
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
