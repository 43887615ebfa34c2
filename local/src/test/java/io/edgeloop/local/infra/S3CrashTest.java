package io.edgeloop.local.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.edgeloop.local.testing.ChildJvm;
import io.edgeloop.local.testing.FreePorts;
import io.edgeloop.local.testing.SlowPut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 server on disk killed with SIGKILL in the middle of a PUT: the object is there whole or not at all. */
class S3CrashTest {

    static final S3Credentials CREDENTIALS = new S3Credentials("test", "test-secret");
    static final String BUCKET = "data";

    @TempDir
    Path dataDir;

    @Test
    void aPutCutByAKillOfTheServerLeavesNoObjectAndTheOthersWhole() throws Exception {
        Path store = dataDir.resolve("s3");
        int port = FreePorts.next();
        byte[] stored = S3StorageTest.randomBytes(300_000, 1);
        try (ChildJvm server = startServer(store, port)) {
            try (S3Client client = client(port)) {
                client.putObject(b -> b.bucket(BUCKET).key("images/a/whole.jpg"), RequestBody.fromBytes(stored));
            }
            try (SlowPut cut = SlowPut.start("http://localhost:" + port, CREDENTIALS, BUCKET, "images/a/cut.jpg",
                    S3StorageTest.randomBytes(2_000_000, 2), 1_000_000)) {
                // The server is writing the object: half of it is on the disk.
                await().atMost(Duration.ofSeconds(20)).until(() -> bytesIn(store.resolve("incoming")) == 1_000_000);
                server.kill();
            }
        }
        // A copy the store itself was writing when killed (its temporary file beside the object, no ETag yet).
        Files.writeString(store.resolve("buckets/data/images/a/whole.jpg-9b2e0c4e-2d53-4a57-9a4e-1f0c7d9e2b11"), "half");

        try (ChildJvm server = startServer(store, port); S3Client client = client(port)) {
            assertThat(client.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key))
                    .containsExactly("images/a/whole.jpg");
            assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key("images/a/whole.jpg")).asByteArray())
                    .isEqualTo(stored);
            assertThatThrownBy(() -> client.headObject(b -> b.bucket(BUCKET).key("images/a/cut.jpg")))
                    .isInstanceOf(NoSuchKeyException.class);
            assertThat(bytesIn(store.resolve("incoming"))).isZero();
            server.kill();
        }
    }

    private ChildJvm startServer(Path store, int port) throws Exception {
        ChildJvm server = ChildJvm.start(dataDir.resolve("server.log"), S3ServerMain.class.getName(),
                List.of(store.toString(), Integer.toString(port)));
        server.awaitOutput("S3 is up on", Duration.ofSeconds(60));
        return server;
    }

    private static S3Client client(int port) {
        return S3Clients.connect("http://localhost:" + port, CREDENTIALS, "us-east-1");
    }

    private static long bytesIn(Path directory) throws Exception {
        long size = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                size += Files.size(file);
            }
        }
        return size;
    }
}
