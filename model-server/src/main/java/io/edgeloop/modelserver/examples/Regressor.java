package io.edgeloop.modelserver.examples;

import io.edgeloop.modelserver.versions.ServedVersion;

/** TF Serving's Regress (regressor.cc RunRegress) on a leased version. */
public final class Regressor {

    private final ExampleRunner runner = new ExampleRunner();

    /**
     * @param signatureName the signature to use, {@code ""} for {@code serving_default}
     * @throws io.edgeloop.modelserver.inference.ApiError TF Serving's error (code and text) when the signature is
     *         missing or not a regression one, the batch is empty, or TensorFlow refuses the examples
     */
    public RegressResult regress(ServedVersion version, String signatureName, ExampleBatch examples) {
        RegressionSignature signature = RegressionSignature.of(
                SignatureLookup.find(version, signatureName, "No signature was found with the name: "));
        return runner.run(version, examples, signature);
    }
}
