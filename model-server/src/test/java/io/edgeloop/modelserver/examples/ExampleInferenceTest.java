package io.edgeloop.modelserver.examples;

import static io.edgeloop.modelserver.testing.HalfPlusTwo.CLASSIFY_X2_TO_Y3;
import static io.edgeloop.modelserver.testing.HalfPlusTwo.MODEL_NAME;
import static io.edgeloop.modelserver.testing.HalfPlusTwo.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.testing.HalfPlusTwo;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport-neutral Classify, Regress and MultiInference on the {@link HalfPlusTwo} model loaded as the server
 * loads it: the cases of TF Serving's classifier_test.cc, regressor_test.cc and multi_inference_test.cc that a real
 * model can show (the others need a fake session), each named after its source test.
 */
class ExampleInferenceTest {

    @TempDir
    static Path base;

    private static LoadedModel model;

    private final Classifier classifier = new Classifier();
    private final Regressor regressor = new Regressor();
    private final MultiInference multiInference = new MultiInference();

    @BeforeAll
    static void load() {
        model = new LoadedModel(MODEL_NAME, HalfPlusTwo.twoVersions(base));
    }

    @AfterAll
    static void unload() {
        model.close();
    }

    /** classifier_test.cc ExampleList / ValidNamedSignature: one class per example, no label, score = y. */
    @Test
    void classifyExampleList() {
        ClassifyResult result = classifier.classify(model.version(), "classify_x_to_y",
                ExampleBatch.of(List.of(example(2f, null), example(10f, 1f))));

        assertThat(result.classifications()).containsExactly(List.of(new ScoredLabel("", 3f)),
                List.of(new ScoredLabel("", 7f)));
    }

    /** classifier_test.cc ExampleListWithContext: the context's features reach every example. */
    @Test
    void classifyExampleListWithContext() {
        ClassifyResult result = classifier.classify(model.version(), "classify_x_to_y",
                ExampleBatch.withContext(example(4f, null), List.of(example(null, 1f), example(6f, null))));

        assertThat(result.classifications()).containsExactly(List.of(new ScoredLabel("", 4f)),
                List.of(new ScoredLabel("", 5f)));
    }

    /** regressor_test.cc BasicExampleList / ValidNamedSignature. */
    @Test
    void regressBasicExampleList() {
        assertThat(regressor.regress(model.version(), "regress_x_to_y2",
                ExampleBatch.of(List.of(example(2f, null), example(4f, null)))).values()).containsExactly(4f, 5f);
    }

    /** regressor_test.cc BasicExampleListWithContext. */
    @Test
    void regressBasicExampleListWithContext() {
        assertThat(regressor.regress(model.version(), "regress_x_to_y",
                ExampleBatch.withContext(example(80f, null), List.of(example(null, null)))).values())
                .containsExactly(42f);
    }

    /** classifier_test.cc / regressor_test.cc InvalidNamedSignature. */
    @Test
    void invalidNamedSignature() {
        ExampleBatch batch = ExampleBatch.of(List.of(example(2f, null)));
        assertInvalid(() -> classifier.classify(model.version(), "nope", batch),
                "No signature was found with the name: nope");
        assertInvalid(() -> regressor.regress(model.version(), "nope", batch),
                "No signature was found with the name: nope");
    }

    /** classifier_test.cc MissingClassificationSignature / regressor_test.cc MissingRegressionSignature. */
    @Test
    void missingClassificationOrRegressionSignature() {
        ExampleBatch batch = ExampleBatch.of(List.of(example(2f, null)));
        assertThatThrownBy(() -> classifier.classify(model.version(), "", batch))
                .hasMessageStartingWith("No classification inputs found in SignatureDef: ")
                .hasMessageContaining("name: \"x:0\"");
        assertThatThrownBy(() -> regressor.regress(model.version(), "classify_x_to_y", batch))
                .hasMessageStartingWith("No regression outputs found in SignatureDef: ");
        assertThatThrownBy(() -> classifier.classify(model.version(), "regress_x_to_y", batch))
                .hasMessageStartingWith("Expected classification signature outputs to contain at least one of "
                        + "\"classes\" or \"scores\". Signature was: ");
    }

    /** classifier_test.cc / regressor_test.cc EmptyInput, EmptyExampleList, EmptyExampleListWithContext. */
    @Test
    void emptyInput() {
        assertInvalid(() -> classifier.classify(model.version(), "classify_x_to_y", ExampleBatch.of(List.of())),
                "Input is empty.");
        assertInvalid(() -> regressor.regress(model.version(), "regress_x_to_y",
                ExampleBatch.withContext(example(2f, null), List.of())), "Input is empty.");
    }

    /** classifier_test.cc / regressor_test.cc RunsFails: what the session refuses comes back as its error. */
    @Test
    void runFailsWithTensorFlowsError() {
        assertInvalid(() -> regressor.regress(model.version(), "regress_x_to_y",
                ExampleBatch.of(List.of(example(null, 1f)))), "Feature: x (data type: float) is required");
        assertInvalid(() -> classifier.classify(model.version(), CLASSIFY_X2_TO_Y3,
                ExampleBatch.of(List.of(example(2f, null)))), "string");
    }

    /** multi_inference_test.cc MissingInputTest. */
    @Test
    void multiInferenceMissingInput() {
        assertInvalid(() -> multiInference.infer(model.version(), List.of(regress("regress_x_to_y")),
                ExampleBatch.of(List.of())), "Input is empty");
    }

    /** multi_inference_test.cc UndefinedSignatureTest. */
    @Test
    void multiInferenceUndefinedSignature() {
        assertInvalid(() -> multiInference.infer(model.version(), List.of(regress("ThisSignatureDoesNotExist")),
                x2()), "Requested signature not found in model graph: ThisSignatureDoesNotExist");
    }

    /** multi_inference_test.cc InconsistentModelSpecsInRequestTest, and an empty model name. */
    @Test
    void multiInferenceInconsistentModelSpecs() {
        assertInvalid(() -> multiInference.infer(model.version(), List.of(regress("regress_x_to_y"),
                        new InferenceTask("ModelDoesNotExist", "regress_x_to_y", InferenceTask.REGRESS)), x2()),
                "All ModelSpecs in a MultiInferenceRequest must access the same model name.");
        assertInvalid(() -> multiInference.infer(model.version(), List.of(new InferenceTask("", "regress_x_to_y",
                InferenceTask.REGRESS)), x2()), "Found ModelSpec with an empty model name.");
    }

    /** multi_inference_test.cc EvaluateDuplicateSignaturesTest. */
    @Test
    void multiInferenceDuplicateSignatures() {
        assertInvalid(() -> multiInference.infer(model.version(), List.of(regress("regress_x_to_y"),
                regress("regress_x_to_y")), x2()), "Duplicate evaluation of signature: regress_x_to_y");
    }

    /** multi_inference_test.cc UsupportedSignatureTypeTest: UNIMPLEMENTED. */
    @Test
    void multiInferenceUnsupportedSignatureType() {
        assertThatThrownBy(() -> multiInference.infer(model.version(), List.of(new InferenceTask(MODEL_NAME,
                "serving_default", "tensorflow/serving/predict")), x2()))
                .isInstanceOf(ApiError.class)
                .hasMessage("Unsupported signature method_name: tensorflow/serving/predict")
                .extracting(e -> ((ApiError) e).code()).isEqualTo("UNIMPLEMENTED");
    }

    /** multi_inference_test.cc ValidSingleSignatureTest. */
    @Test
    void multiInferenceValidSingleSignature() {
        assertThat(multiInference.infer(model.version(), List.of(regress("regress_x_to_y")), x2()))
                .containsExactly(new RegressResult(List.of(3f)));
    }

    /** multi_inference_test.cc MultipleValidRegressSignaturesTest. */
    @Test
    void multiInferenceMultipleValidRegressSignatures() {
        assertThat(multiInference.infer(model.version(), List.of(regress("regress_x_to_y"),
                regress("regress_x_to_y2")), x2()))
                .containsExactly(new RegressResult(List.of(3f)), new RegressResult(List.of(4f)));
    }

    /** multi_inference_test.cc RegressAndClassifySignaturesTest; tensorflow_model_server_test.py testMultiInference. */
    @Test
    void multiInferenceRegressAndClassifySignatures() {
        assertThat(multiInference.infer(model.version(), List.of(regress("regress_x_to_y"),
                new InferenceTask(MODEL_NAME, "classify_x_to_y", InferenceTask.CLASSIFY)), x2()))
                .containsExactly(new RegressResult(List.of(3f)),
                        new ClassifyResult(List.of(List.of(new ScoredLabel("", 3f)))));
    }

    /** One example with x = 2, as multi_inference_test.cc's AddInput({{"x", 2}}). */
    private static ExampleBatch x2() {
        return ExampleBatch.of(List.of(example(2f, null)));
    }

    private static InferenceTask regress(String signature) {
        return new InferenceTask(MODEL_NAME, signature, InferenceTask.REGRESS);
    }

    private static void assertInvalid(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(ApiError.class).hasMessageContaining(message)
                .extracting(e -> ((ApiError) e).code()).isEqualTo("INVALID_ARGUMENT");
    }
}
