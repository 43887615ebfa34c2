package io.edgeloop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.TestPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EdgeLoopPlatformExtension.class)
class ModelHistoryRestoreTest {

    @Test
    void completeVersionsOfTheEdgeRepositoryAreBackInTheCentralModelsBucket(TestPlatform platform, @TempDir Path repo)
            throws Exception {
        platform.centralS3().createBucket("edge-restore-models");
        Path model = repo.resolve("tea_model_b64");
        for (String version : new String[] {"1", "2"}) {
            Files.createDirectories(model.resolve(version).resolve("variables"));
            Files.writeString(model.resolve(version).resolve("saved_model.pb"), "graph " + version);
            Files.writeString(model.resolve(version).resolve("variables/variables.index"), "index " + version);
            Files.writeString(model.resolve(version).resolve("manifest.json"), "{\"version\": " + version + "}");
        }
        Files.createDirectories(model.resolve(".3.incoming"));
        Files.createDirectories(model.resolve("4"));  // no manifest: not a complete version

        new ModelHistoryRestore(platform.centralS3().sdk()).restore("edge-restore", repo, "tea_model_b64");

        assertThat(platform.centralS3().keys("edge-restore-models", "")).containsExactlyInAnyOrder(
                "models/tea_model_b64/1/saved_model.pb", "models/tea_model_b64/1/variables/variables.index",
                "models/tea_model_b64/1/manifest.json", "models/tea_model_b64/2/saved_model.pb",
                "models/tea_model_b64/2/variables/variables.index", "models/tea_model_b64/2/manifest.json");
        assertThat(platform.centralS3().get("edge-restore-models", "models/tea_model_b64/2/manifest.json"))
                .asString().isEqualTo("{\"version\": 2}");
    }

    @Test
    void versionsTheBucketKeptAreNotUploadedAgain(TestPlatform platform, @TempDir Path repo) throws Exception {
        platform.centralS3().createBucket("edge-kept-models");
        platform.centralS3().put("edge-kept-models", "models/tea_model_b64/1/manifest.json", "{\"kept\": 1}".getBytes());
        for (String version : new String[] {"1", "2"}) {
            Files.createDirectories(repo.resolve("tea_model_b64").resolve(version));
            Files.writeString(repo.resolve("tea_model_b64").resolve(version).resolve("manifest.json"), "{}");
        }

        new ModelHistoryRestore(platform.centralS3().sdk()).restore("edge-kept", repo, "tea_model_b64");

        assertThat(platform.centralS3().keys("edge-kept-models", "")).containsExactly(
                "models/tea_model_b64/1/manifest.json", "models/tea_model_b64/2/manifest.json");
        assertThat(platform.centralS3().get("edge-kept-models", "models/tea_model_b64/1/manifest.json"))
                .asString().isEqualTo("{\"kept\": 1}");
    }
}
