package io.edgeloop.system;

import java.util.List;

import io.edgeloop.dataset.SyntheticDataset;
import io.edgeloop.trainer.model.ClassifierTrainer;
import io.edgeloop.trainer.model.LabelledImage;
import io.edgeloop.trainer.model.TrainedClassifier;
import io.edgeloop.trainer.model.TrainingOptions;

/** A classifier trained once per test JVM by the real trainer on synthetic product photos. */
final class TrainedModels {

    static final List<String> CLASSES = List.of("other", "tea-green", "tea-lemon");

    private static TrainedClassifier classifier;

    private TrainedModels() {
    }

    static synchronized TrainedClassifier classifier() {
        if (classifier == null) {
            classifier = new ClassifierTrainer(TrainingOptions.defaults()).train(photos(24, 7), (epoch, epochs, loss, accuracy) -> { });
        }
        return classifier;
    }

    static List<LabelledImage> photos(int perClass, long seed) {
        return new SyntheticDataset(CLASSES, perClass, 96, seed).images()
                .map(image -> new LabelledImage(image.className(), image.path(), image.jpeg())).toList();
    }
}
