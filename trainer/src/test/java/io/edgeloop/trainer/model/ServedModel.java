package io.edgeloop.trainer.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/** An exported SavedModel loaded afresh, as TensorFlow Serving would load it, and asked through its signatures. */
final class ServedModel implements AutoCloseable {

    /** What {@code predict_batch} answers for N images. */
    record Batch(List<String> labels, float[] probabilities, float[][] scores) {
    }

    private final SavedModelBundle bundle;

    ServedModel(Path dir) {
        this.bundle = SavedModelBundle.load(dir.toString(), "serve");
    }

    Signature signature(String key) {
        return bundle.function(key).signature();
    }

    /** {@code serving_default}: [label, probability as a decimal string]. */
    List<String> predict(byte[] image) {
        try (TString input = TString.tensorOfBytes(NdArrays.vectorOfObjects(image));
                Result result = bundle.function(Signature.DEFAULT_KEY).call(Map.of("image_b64", input))) {
            TString output = (TString) result.get("output_0").orElseThrow();
            return List.of(output.getObject(0), output.getObject(1));
        }
    }

    Batch predictBatch(List<byte[]> images) {
        try (TString input = TString.tensorOfBytes(NdArrays.vectorOfObjects(images.toArray(byte[][]::new)));
                Result result = bundle.function(ServingExport.BATCH_SIGNATURE).call(Map.of("images", input))) {
            TString labels = (TString) result.get("label").orElseThrow();
            TFloat32 probabilities = (TFloat32) result.get("probability").orElseThrow();
            TFloat32 scores = (TFloat32) result.get("scores").orElseThrow();
            int n = (int) labels.shape().get(0);
            int classes = (int) scores.shape().get(1);
            String[] l = new String[n];
            float[] p = new float[n];
            float[][] s = new float[n][classes];
            for (int i = 0; i < n; i++) {
                l[i] = labels.getObject(i);
                p[i] = probabilities.getFloat(i);
                for (int c = 0; c < classes; c++) {
                    s[i][c] = scores.getFloat(i, c);
                }
            }
            return new Batch(List.of(l), p, s);
        }
    }

    /** {@code serving_default} of a feature extractor: features [1, D]. */
    float[] features(byte[] image) {
        try (TString input = TString.tensorOfBytes(NdArrays.vectorOfObjects(image));
                Result result = bundle.function(Signature.DEFAULT_KEY).call(Map.of("image_b64", input))) {
            TFloat32 features = (TFloat32) result.get("features").orElseThrow();
            float[] values = new float[(int) features.shape().get(1)];
            for (int i = 0; i < values.length; i++) {
                values[i] = features.getFloat(0, i);
            }
            return values;
        }
    }

    /**
     * The share of the images whose label serving_default gets right, after checking that the batch signature labels
     * each one the same way.
     */
    double accuracyOn(List<LabelledImage> images) {
        Batch batch = predictBatch(images.stream().map(LabelledImage::bytes).toList());
        int correct = 0;
        for (int i = 0; i < images.size(); i++) {
            String label = predict(images.get(i).bytes()).get(0);
            if (!batch.labels().get(i).equals(label)) {
                throw new AssertionError("predict_batch labels image " + i + " " + batch.labels().get(i)
                        + ", serving_default " + label);
            }
            correct += label.equals(images.get(i).label()) ? 1 : 0;
        }
        return (double) correct / images.size();
    }

    @Override
    public void close() {
        bundle.close();
    }
}
