package io.edgeloop.trainer.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edgeloop.trainer.model.EpochStats;
import io.edgeloop.trainer.model.Evaluation;

/** {@code metrics.json}: held-out accuracy, per-class precision and recall, confusion matrix, training curve. */
public final class TrainingMetrics {

    private TrainingMetrics() {
    }

    public static Map<String, Object> of(Evaluation evaluation, List<EpochStats> history, int trainingImages,
            int skippedImages) {
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
        metrics.put("skippedImages", skippedImages);
        metrics.put("labels", evaluation.labels());
        metrics.put("perClass", perClass);
        metrics.put("confusion", confusion);
        metrics.put("history", curve);
        return metrics;
    }
}
