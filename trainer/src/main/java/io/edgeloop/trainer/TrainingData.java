package io.edgeloop.trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.edgeloop.trainer.model.LabelledImage;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The training photos of an edge: every {@code images/<class>/<file>} of its data bucket (class = folder
 * name), and the ids of the feeder batches that brought them ({@code batches/<batchId>.json}).
 */
record TrainingData(List<LabelledImage> images, List<String> batchIds) {

    private static final Set<String> IMAGE_SUFFIXES = Set.of(".jpg", ".jpeg", ".png");

    static TrainingData read(S3Client s3, String bucket) {
        List<LabelledImage> images = new ArrayList<>();
        List<String> batchIds = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            String key = object.key();
            String[] parts = key.split("/");
            if (parts.length == 3 && parts[0].equals("images") && isImage(parts[2])) {
                byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
                images.add(new LabelledImage(parts[1], key, bytes));
            } else if (parts.length == 2 && parts[0].equals("batches") && parts[1].endsWith(".json")) {
                batchIds.add(parts[1].substring(0, parts[1].length() - ".json".length()));
            }
        }
        return new TrainingData(List.copyOf(images), List.copyOf(new TreeSet<>(batchIds)));
    }

    Set<String> classes() {
        Set<String> classes = new TreeSet<>();
        images.forEach(image -> classes.add(image.label()));
        return classes;
    }

    private static boolean isImage(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return IMAGE_SUFFIXES.stream().anyMatch(lower::endsWith);
    }
}
