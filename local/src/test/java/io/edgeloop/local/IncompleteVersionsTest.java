package io.edgeloop.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.S3TestClient;
import io.edgeloop.local.testing.TestPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EdgeLoopPlatformExtension.class)
class IncompleteVersionsTest {

    @Test
    void versionsWithoutAManifestAreRemovedFromBothModelBucketsAndCompleteOnesKept(TestPlatform platform) {
        S3TestClient s3 = platform.centralS3();
        for (String bucket : new String[] {"edge-cut-models", "edge-cut-ready"}) {
            s3.createBucket(bucket);
            for (String key : new String[] {"1/saved_model.pb", "1/manifest.json", "2/variables/variables.index",
                    "2/saved_model.pb"}) {
                s3.put(bucket, "models/tea_model_b64/" + key, key.getBytes());
            }
            s3.put(bucket, "models/other_model/5/saved_model.pb", "another model".getBytes());
        }

        new IncompleteVersions(platform.centralS3().sdk()).remove("edge-cut", "tea_model_b64");

        for (String bucket : new String[] {"edge-cut-models", "edge-cut-ready"}) {
            assertThat(s3.keys(bucket, "")).as(bucket).containsExactly("models/other_model/5/saved_model.pb",
                    "models/tea_model_b64/1/manifest.json", "models/tea_model_b64/1/saved_model.pb");
        }
    }
}
