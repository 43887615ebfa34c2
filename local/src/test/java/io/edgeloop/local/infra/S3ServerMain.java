package io.edgeloop.local.infra;

import java.nio.file.Path;
import java.util.List;

/** An S3 server on disk in a JVM of its own, for {@link S3CrashTest} to kill: {@code S3ServerMain DIR PORT}. */
public final class S3ServerMain {

    private S3ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedS3 s3 = new EmbeddedS3("crash", Integer.parseInt(args[1]), S3CrashTest.CREDENTIALS,
                List.of(S3CrashTest.BUCKET), S3Storage.onDisk(Path.of(args[0])));
        s3.start();
        System.out.println("S3 is up on " + s3.endpoint());
        Thread.sleep(Long.MAX_VALUE);
    }
}
