package io.edgeloop.trainer.model;

import java.util.List;

/**
 * How the classifier did on the held-out split.
 *
 * @param confusion {@code confusion[actual][predicted]} counts, indexed like {@code labels}
 */
public record Evaluation(List<String> labels, double accuracy, List<Double> precision, List<Double> recall,
        int[][] confusion, int heldOut) {
}
