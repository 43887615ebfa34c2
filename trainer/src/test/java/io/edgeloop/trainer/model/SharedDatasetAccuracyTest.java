package io.edgeloop.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The quality bar on the real photos beside the repository; skipped where they are not at hand. */
@EnabledIf("io.edgeloop.trainer.model.SharedDataset#present")
class SharedDatasetAccuracyTest {

    @Test
    void defaultHistogramExtractorReaches95PercentHeldOut() {
        List<LabelledImage> images = SharedDataset.load(SharedDataset.images());

        // Wall time is measured by bench/training.sh, not asserted here.
        try (TrainedClassifier classifier = new ClassifierTrainer(TrainingOptions.defaults()).train(images,
                (e, n, l, a) -> { })) {
            assertThat(classifier.evaluation().accuracy()).isGreaterThanOrEqualTo(0.95);
        }
    }
}
