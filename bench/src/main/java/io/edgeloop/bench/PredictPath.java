package io.edgeloop.bench;

import java.util.List;

/**
 * One way of asking the benchmark's model for predictions (REST, gRPC, in-process): it turns groups of images into
 * its requests once, outside the measurement, then sends them one by one and checks every answer.
 */
interface PredictPath extends AutoCloseable {

    /**
     * The model's signature for a group of {@code images}, and the output whose size the check expects: one image
     * goes to {@code serving_default} (image_b64 [1] -> output_0 = [label, probability]), more to {@code
     * predict_batch} (images [n] -> label [n], probability [n], scores [n, classes]).
     */
    record Signature(String key, String input, String checkedOutput, int checkedSize) {

        static Signature of(int images) {
            return images == 1 ? new Signature("serving_default", "image_b64", "output_0", 2)
                    : new Signature("predict_batch", "images", "label", images);
        }
    }

    /** The name in the results table. */
    String name();

    /**
     * The requests of one case, a request per group (all groups the same size); {@code send(n)} sends request
     * {@code n} modulo their count and fails unless the answer holds one prediction per image.
     */
    LoadRun.Request requests(List<List<byte[]>> groups);

    @Override
    default void close() throws Exception {
    }
}
