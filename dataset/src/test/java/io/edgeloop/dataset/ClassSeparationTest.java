package io.edgeloop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The classes must be learnable from colour statistics alone, as the default trainer's histogram features see
 * them, while the photos of one class still vary as real ones do.
 */
class ClassSeparationTest {

    private static final int SIZE = 64;
    private static final int TRAINING_PER_CLASS = 30;

    @Test
    void nearestCentroidOnColourHistogramsTellsHeldOutPhotosOfTheDemoClassesApart() {
        Map<String, double[]> centroids = new LinkedHashMap<>();
        new SyntheticDataset(SyntheticDataset.DEFAULT_CLASSES, TRAINING_PER_CLASS, SIZE, 1).images().forEach(image -> {
            double[] features = Photos.colourFeatures(Photos.decode(image.jpeg()));
            double[] centroid = centroids.computeIfAbsent(image.className(), name -> new double[features.length]);
            for (int i = 0; i < features.length; i++) {
                centroid[i] += features[i] / TRAINING_PER_CLASS;
            }
        });

        // Another seed: photos the centroids have not seen.
        List<SyntheticImage> heldOut = new SyntheticDataset(SyntheticDataset.DEFAULT_CLASSES, 20, SIZE, 2).images()
                .toList();
        long correct = heldOut.stream()
                .filter(image -> nearest(centroids, Photos.colourFeatures(Photos.decode(image.jpeg())))
                        .equals(image.className()))
                .count();

        assertThat((double) correct / heldOut.size()).as("held-out accuracy").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void photosOfOneClassDifferInLightAndPlacement() {
        List<BufferedImage> photos = new SyntheticDataset(List.of("tea-green"), 12, SIZE, 3).images()
                .map(image -> Photos.decode(image.jpeg())).toList();

        assertThat(range(photos.stream().mapToDouble(photo -> Arrays.stream(Photos.meanColour(photo)).average()
                .orElseThrow()).toArray())).as("range of mean brightness").isGreaterThan(25);
        assertThat(range(photos.stream().mapToDouble(ClassSeparationTest::greenCentre).toArray()))
                .as("range of the package's horizontal position, share of the width").isGreaterThan(0.1);
        for (int i = 1; i < photos.size(); i++) {
            assertThat(Photos.difference(photos.get(i - 1), photos.get(i)))
                    .as("mean pixel difference of photos %d and %d", i, i + 1).isGreaterThan(20);
        }
    }

    /** Mean x of clearly green pixels, as a share of the width: where the green package stands. */
    private static double greenCentre(BufferedImage photo) {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                int rgb = photo.getRGB(x, y);
                int green = rgb >> 8 & 0xFF;
                if (green > (rgb >> 16 & 0xFF) + 30 && green > (rgb & 0xFF) + 30) {
                    sum += x;
                    count++;
                }
            }
        }
        return sum / count / photo.getWidth();
    }

    private static double range(double[] values) {
        return Arrays.stream(values).max().orElseThrow() - Arrays.stream(values).min().orElseThrow();
    }

    private static String nearest(Map<String, double[]> centroids, double[] features) {
        String nearest = null;
        double best = Double.MAX_VALUE;
        for (Map.Entry<String, double[]> centroid : centroids.entrySet()) {
            double distance = 0;
            for (int i = 0; i < features.length; i++) {
                double difference = features[i] - centroid.getValue()[i];
                distance += difference * difference;
            }
            if (distance < best) {
                best = distance;
                nearest = centroid.getKey();
            }
        }
        return nearest;
    }
}
