package io.edgeloop.trainer.model;

import io.edgeloop.dataset.SyntheticDataset;
import java.util.List;

/** Synthetic product photos from the dataset module, as the trainer receives them. */
final class SyntheticPhotos {

    static final List<String> CLASSES = List.of("other", "tea-green", "tea-lemon");

    private SyntheticPhotos() {
    }

    static List<LabelledImage> of(List<String> classes, int perClass, int size, long seed) {
        return new SyntheticDataset(classes, perClass, size, seed).images()
                .map(image -> new LabelledImage(image.className(), image.path(), image.jpeg())).toList();
    }
}
