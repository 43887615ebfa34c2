package io.edgeloop.trainer.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edgeloop.trainer.model.EpochStats;
import io.edgeloop.trainer.model.Evaluation;
import io.edgeloop.trainer.model.SkippedImage;

/**
 * {@code metrics.json}: held-out accuracy, per-class precision and recall, confusion matrix, training curve, and
 * the images left out with their reasons.
 */
public final class TrainingMetrics {

    private TrainingMetrics() {
    }

    public static Map<String, Object> of(Evaluation evaluation, List<EpochStats> history, int trainingImages,
            List<SkippedImage> skipped) {
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (int i = 0; i < evaluation.labels().size(); i++) {
            perClass.put(evaluation.labels().get(i),
                    Map.of("precision", evaluation.precision().get(i), "recall", evaluation.recall().get(i)));
        }
        List<List<Integer>> confusion = new ArrayList<>();
        for (int[] row : evaluation.confusion()) {
            confusion.add(java.util.Arrays.stream(row).boxed().toList());
        }
        List<Map<String, Object>> curve = new ArrayList<>();
        for (EpochStats epoch : history) {
            curve.add(Map.of("epoch", epoch.epoch(), "loss", epoch.loss(), "accuracy", epoch.accuracy()));
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", evaluation.accuracy());
        metrics.put("heldOut", evaluation.heldOut());
        metrics.put("trainingImages", trainingImages);
        metrics.put("skippedImages", skipped.size());
        metrics.put("skipped", skipped.stream().map(image -> Map.of("key", image.key(), "reason", image.reason()))
                .toList());
        metrics.put("labels", evaluation.labels());
        metrics.put("perClass", perClass);
        metrics.put("confusion", confusion);
        metrics.put("history", curve);
        return metrics;
    }
}
