package io.edgeloop.modelserver.versions;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeloop.modelserver.inference.TensorSpec;
import io.edgeloop.modelserver.testing.TrainedModels;
import io.edgeloop.modelserver.testing.TrainedModels.Model;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TString;

/** A retired version stays open for the requests already running on it and closes after the last one. */
class ServedVersionTest {

    @TempDir
    Path base;

    private final AtomicInteger closed = new AtomicInteger();

    @Test
    void aRetiredVersionServesItsRunningRequestsAndClosesAfterTheLast() throws Exception {
        ServedVersion version = load();
        ServedVersion.Lease first = version.tryAcquire().orElseThrow();
        ServedVersion.Lease second = version.tryAcquire().orElseThrow();

        version.retire();

        assertThat(version.tryAcquire()).isEmpty();
        assertThat(version.inFlight()).isEqualTo(2);
        assertThat(closed).hasValue(0);
        assertThat(predict(first)).isIn(Model.TEA.labels);
        first.close();
        first.close();
        assertThat(closed).hasValue(0);
        assertThat(predict(second)).isIn(Model.TEA.labels);
        second.close();
        assertThat(closed).hasValue(1);
    }

    @Test
    void anIdleVersionClosesWhenRetired() throws Exception {
        ServedVersion version = load();
        version.tryAcquire().orElseThrow().close();

        version.retire();
        version.retire();

        assertThat(closed).hasValue(1);
        assertThat(version.tryAcquire()).isEmpty();
    }

    @Test
    void theLoaderReadsEverySignatureOfTheSavedModel() throws Exception {
        ServedVersion version = load();

        assertThat(version.version()).isEqualTo(1);
        assertThat(version.signatures()).containsOnlyKeys(Signature.DEFAULT_KEY, "predict_batch");
        TensorSpec image = version.signature(Signature.DEFAULT_KEY).orElseThrow().inputs().get("image_b64");
        assertThat(image.dtype()).isEqualTo(DataType.DT_STRING);
        assertThat(image.shape().asArray()).containsExactly(1);
        assertThat(image.tensorName()).isEqualTo("image_b64:0");
        assertThat(version.signature("predict_batch").orElseThrow().outputs()).containsOnlyKeys("label",
                "probability", "scores");
        version.retire();
    }

    private ServedVersion load() throws Exception {
        Path dir = TrainedModels.install(base, 1, Model.TEA);
        return new VersionLoader(new Warmup()).load(new VersionDirectory(1, dir, "test"), closed::incrementAndGet);
    }

    private static String predict(ServedVersion.Lease lease) {
        try (TString input = TString.tensorOfBytes(Shape.of(1), DataBuffers.ofObjects(TrainedModels.photo(0)));
                Result result = lease.version().call(Signature.DEFAULT_KEY,
                        Map.of("image_b64", input))) {
            return ((TString) result.get("output_0").orElseThrow()).getObject(0);
        }
    }
}
