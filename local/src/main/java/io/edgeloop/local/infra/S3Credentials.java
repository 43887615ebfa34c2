package io.edgeloop.local.infra;

/** The access key pair that the local S3 servers accept and every integration signs with. */
public record S3Credentials(String accessKey, String secretKey) {

    @Override
    public String toString() {
        return "S3Credentials[accessKey=" + accessKey + ", secretKey=***]";
    }
}
