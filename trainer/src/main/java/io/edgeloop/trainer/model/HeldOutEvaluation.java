package io.edgeloop.trainer.model;

import java.util.ArrayList;
import java.util.List;

/** Turns held-out predictions into the {@link Evaluation} the training report and the gates read. */
final class HeldOutEvaluation {

    private HeldOutEvaluation() {
    }

    static Evaluation of(List<String> labels, int[] actual, int[] predicted) {
        int classes = labels.size();
        int[][] confusion = new int[classes][classes];
        int correct = 0;
        for (int i = 0; i < actual.length; i++) {
            confusion[actual[i]][predicted[i]]++;
            correct += actual[i] == predicted[i] ? 1 : 0;
        }
        List<Double> precision = new ArrayList<>();
        List<Double> recall = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            int predictedAsC = 0;
            int actuallyC = 0;
            for (int other = 0; other < classes; other++) {
                predictedAsC += confusion[other][c];
                actuallyC += confusion[c][other];
            }
            // 0 rather than NaN when a class is never predicted: the report stays valid JSON.
            precision.add(predictedAsC == 0 ? 0.0 : (double) confusion[c][c] / predictedAsC);
            recall.add(actuallyC == 0 ? 0.0 : (double) confusion[c][c] / actuallyC);
        }
        double accuracy = actual.length == 0 ? 0.0 : (double) correct / actual.length;
        return new Evaluation(labels, accuracy, precision, recall, confusion, actual.length);
    }
}
