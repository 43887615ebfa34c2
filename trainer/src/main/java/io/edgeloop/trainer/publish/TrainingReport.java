package io.edgeloop.trainer.publish;

import java.util.List;
import java.util.Locale;

import io.edgeloop.trainer.model.EpochStats;
import io.edgeloop.trainer.model.Evaluation;

/**
 * {@code report.svg}: the loss and accuracy curves of training and the held-out confusion matrix, for
 * a person deciding whether to trust a version. SVG so it needs no imaging library and opens in a browser.
 */
public final class TrainingReport {

    private static final int CHART_WIDTH = 420;
    private static final int CHART_HEIGHT = 240;
    private static final int CELL = 44;

    private TrainingReport() {
    }

    public static String svg(String title, Evaluation evaluation, List<EpochStats> history) {
        int classes = evaluation.labels().size();
        int matrixWidth = 140 + classes * CELL;
        int width = 40 + CHART_WIDTH + 60 + matrixWidth;
        int height = Math.max(CHART_HEIGHT + 110, 150 + classes * CELL);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, 20, 24, 16, escape(title) + String.format(Locale.ROOT, " - held-out accuracy %.3f (%d images)",
                evaluation.accuracy(), evaluation.heldOut()));
        curves(svg, 40, 50, history);
        confusion(svg, 40 + CHART_WIDTH + 60, 50, evaluation);
        return svg.append("</svg>\n").toString();
    }

    private static void curves(StringBuilder svg, int x, int y, List<EpochStats> history) {
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                x, y, CHART_WIDTH, CHART_HEIGHT));
        text(svg, x, y + CHART_HEIGHT + 20, 12, "epoch 1 .. " + history.size()
                + "   \u2014 loss (red, scaled to its maximum)   \u2014 training accuracy (blue, 0..1)");
        double maxLoss = history.stream().mapToDouble(EpochStats::loss).max().orElse(1);
        polyline(svg, x, y, history, e -> maxLoss > 0 ? e.loss() / maxLoss : 0, "#d62728");
        polyline(svg, x, y, history, EpochStats::accuracy, "#1f77b4");
    }

    private static void polyline(StringBuilder svg, int x, int y, List<EpochStats> history,
            java.util.function.ToDoubleFunction<EpochStats> value, String colour) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < history.size(); i++) {
            double px = x + (history.size() == 1 ? 0 : (double) i / (history.size() - 1) * CHART_WIDTH);
            double py = y + CHART_HEIGHT - Math.max(0, Math.min(1, value.applyAsDouble(history.get(i)))) * CHART_HEIGHT;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        }
        svg.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                colour, points.toString().trim()));
    }

    private static void confusion(StringBuilder svg, int x, int y, Evaluation evaluation) {
        List<String> labels = evaluation.labels();
        int[][] matrix = evaluation.confusion();
        int max = 1;
        for (int[] row : matrix) {
            for (int count : row) {
                max = Math.max(max, count);
            }
        }
        text(svg, x, y - 8, 12, "confusion matrix: rows actual, columns predicted");
        int left = x + 120;
        for (int i = 0; i < labels.size(); i++) {
            text(svg, x, y + 30 + i * CELL, 11, escape(labels.get(i)));
            for (int j = 0; j < labels.size(); j++) {
                int shade = 255 - (int) (200.0 * matrix[i][j] / max);
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"rgb(%d,%d,255)\" stroke=\"#ccc\"/>%n",
                        left + j * CELL, y + 8 + i * CELL, CELL, CELL, shade, shade));
                text(svg, left + j * CELL + CELL / 2 - 6, y + 34 + i * CELL, 12, Integer.toString(matrix[i][j]));
            }
        }
    }

    private static void text(StringBuilder svg, int x, int y, int size, String content) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\">%s</text>%n", x, y, size, content));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
