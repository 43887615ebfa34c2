package io.edgeloop.trainer;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 client of the trainer: any S3-compatible endpoint, credentials only from the environment. */
final class S3Buckets {

    private S3Buckets() {
    }

    /**
     * Credentials come from {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} (a Secret in the
     * cluster), or the matching {@code aws.accessKeyId} / {@code aws.secretAccessKey} system properties;
     * never from a flag, which would show in process lists and pipeline logs.
     */
    static S3Client connect(String endpoint, String region) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .forcePathStyle(true)
                .region(Region.of(region))
                .credentialsProvider(AwsCredentialsProviderChain.of(
                        EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create()))
                .build();
    }
}
