package io.edgeloop.trainer.model;

/** One training photo: its class (the folder name), where it came from, and its JPEG/PNG bytes. */
public record LabelledImage(String label, String key, byte[] bytes) {
}
