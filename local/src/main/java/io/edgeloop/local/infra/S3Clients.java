package io.edgeloop.local.infra;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** An AWS SDK client for an S3-compatible server of the platform (path-style addressing, static credentials). */
public final class S3Clients {

    private S3Clients() {
    }

    public static S3Client connect(String endpoint, S3Credentials credentials, String region) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .forcePathStyle(true)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(credentials.accessKey(), credentials.secretKey())))
                .httpClient(ApacheHttpClient.builder().build())
                .build();
    }
}
