package io.edgeloop.modelserver.grpc;

import static io.edgeloop.modelserver.grpc.CamelTfServingClient.assertStatus;
import static io.edgeloop.modelserver.testing.HalfPlusTwo.CLASSIFY;
import static io.edgeloop.modelserver.testing.HalfPlusTwo.REGRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeloop.modelserver.testing.HalfPlusTwo;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.tensorflow.serving.TensorFlowServingConstants;
import org.junit.jupiter.api.Test;
import org.tensorflow.example.Example;
import org.tensorflow.example.Feature;
import org.tensorflow.example.Features;
import org.tensorflow.example.FloatList;
import org.tensorflow.example.Int64List;
import tensorflow.serving.Classification.Class;
import tensorflow.serving.Classification.ClassificationRequest;
import tensorflow.serving.Classification.ClassificationResponse;
import tensorflow.serving.Inference.InferenceResult;
import tensorflow.serving.Inference.InferenceTask;
import tensorflow.serving.Inference.MultiInferenceRequest;
import tensorflow.serving.Inference.MultiInferenceResponse;
import tensorflow.serving.InputOuterClass.ExampleList;
import tensorflow.serving.InputOuterClass.ExampleListWithContext;
import tensorflow.serving.InputOuterClass.Input;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.PredictionServiceGrpc;
import tensorflow.serving.RegressionOuterClass.RegressionResponse;

/**
 * TF Serving's gRPC Classify, Regress and MultiInference cases ({@code tensorflow_model_server_test.py} testClassify,
 * testRegress, testMultiInference, and the error texts of {@code classifier.cc}, {@code regressor.cc},
 * {@code multi_inference.cc}, {@code util.cc}, {@code classification_service.cc}, {@code server_core.cc}) over
 * {@code saved_model_half_plus_two_cpu} served as {@code default}, version 123: Classify and Regress through
 * {@code camel-tensorflow-serving}, MultiInference (which Camel has no API for) through the generated stub.
 */
class TfServingGrpcExampleContractTest extends HalfPlusTwoOverGrpc {

    /** testClassify: one example x=2.0 on classify_x_to_y gives one class, label "", score 3.0. */
    @Test
    void classify() {
        ClassificationResponse response = camel.reply("classify", examples(x(2f)),
                signature("classify_x_to_y"), ClassificationResponse.class);

        assertThat(response.getResult().getClassificationsList()).hasSize(1);
        assertThat(response.getResult().getClassifications(0).getClassesList())
                .containsExactly(Class.newBuilder().setLabel("").setScore(3f).build());
        assertModelSpec(response.getModelSpec(), "classify_x_to_y");
    }

    /** testRegress: one example x=2.0 on regress_x_to_y gives one regression, 3.0. */
    @Test
    void regress() {
        RegressionResponse response = camel.reply("regress", examples(x(2f)), signature("regress_x_to_y"),
                RegressionResponse.class);

        assertThat(response.getResult().getRegressionsList()).hasSize(1);
        assertThat(response.getResult().getRegressions(0).getValue()).isEqualTo(3f);
        assertModelSpec(response.getModelSpec(), "regress_x_to_y");
    }

    /** testMultiInference: regress then classify on one example, results in task order, each with its spec. */
    @Test
    void multiInference() {
        MultiInferenceResponse response = predictions().multiInference(MultiInferenceRequest.newBuilder()
                .addTasks(task(MODEL, "regress_x_to_y", REGRESS))
                .addTasks(task(MODEL, "classify_x_to_y", CLASSIFY))
                .setInput(examples(x(2f))).build());

        assertThat(response.getResultsList()).hasSize(2);
        InferenceResult regression = response.getResults(0);
        assertThat(regression.getRegressionResult().getRegressions(0).getValue()).isEqualTo(3f);
        assertModelSpec(regression.getModelSpec(), "regress_x_to_y");
        InferenceResult classification = response.getResults(1);
        assertThat(classification.getClassificationResult().getClassifications(0).getClasses(0).getScore())
                .isEqualTo(3f);
        assertModelSpec(classification.getModelSpec(), "classify_x_to_y");
    }

    /** Derived (grpc-cases.md §5): three examples give three classifications, in order. */
    @Test
    void classifyKeepsTheOrderOfTheExamples() {
        ClassificationResponse response = camel.reply("classify", examples(x(1f), x(2f), x(5f)),
                signature("classify_x_to_y"), ClassificationResponse.class);

        assertThat(response.getResult().getClassificationsList())
                .extracting(classes -> classes.getClasses(0).getScore()).containsExactly(2.5f, 3f, 4.5f);
    }

    /** Derived (util.cc InputToSerializedExampleTensor): the context's x reaches an example that has none. */
    @Test
    void regressWithContext() {
        Input input = Input.newBuilder().setExampleListWithContext(ExampleListWithContext.newBuilder()
                .setContext(x(2f)).addExamples(Example.getDefaultInstance()).addExamples(x(6f))).build();

        RegressionResponse response = camel.reply("regress", input, signature("regress_x_to_y"),
                RegressionResponse.class);

        assertThat(response.getResult().getRegressionsList()).extracting(r -> r.getValue()).containsExactly(3f, 5f);
    }

    /** Derived: a version asked by number answers with that version (Camel's modelVersion header). */
    @Test
    void regressOnASpecificVersion() {
        RegressionResponse response = camel.reply("regress", examples(x(2f)), Map.of(
                TensorFlowServingConstants.SIGNATURE_NAME, "regress_x_to_y",
                TensorFlowServingConstants.MODEL_VERSION, HalfPlusTwo.VERSION), RegressionResponse.class);

        assertModelSpec(response.getModelSpec(), "regress_x_to_y");
    }

    /** E12, classifier.cc PreProcessClassification: serving_default has no "inputs" input. */
    @Test
    void classifyOnTheDefaultSignatureIsInvalid() {
        Status status = camel.failure("classify", examples(x(2f)), NO_HEADERS);

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).startsWith("No classification inputs found in SignatureDef: ");
    }

    /** E13, classifier.cc: an unknown signature. */
    @Test
    void classifyOnAnUnknownSignatureIsInvalid() {
        assertStatus(camel.failure("classify", examples(x(2f)), signature("nope")), Status.Code.INVALID_ARGUMENT,
                "No signature was found with the name: nope");
    }

    /** E13, regressor.cc: an unknown signature. */
    @Test
    void regressOnAnUnknownSignatureIsInvalid() {
        assertStatus(camel.failure("regress", examples(x(2f)), signature("nope")), Status.Code.INVALID_ARGUMENT,
                "No signature was found with the name: nope");
    }

    /** E14, classifier.cc PreProcessClassification: a regression signature has neither classes nor scores. */
    @Test
    void classifyOnARegressionSignatureIsInvalid() {
        Status status = camel.failure("classify", examples(x(2f)), signature("regress_x_to_y"));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).startsWith("Expected classification signature outputs to contain at "
                + "least one of \"classes\" or \"scores\". Signature was: ");
    }

    /** E15, regressor.cc PreProcessRegression: a classification signature has no "outputs". */
    @Test
    void regressOnAClassificationSignatureIsInvalid() {
        Status status = camel.failure("regress", examples(x(2f)), signature("classify_x_to_y"));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).startsWith("No regression outputs found in SignatureDef: ");
    }

    /** E16, util.cc InputToSerializedExampleTensor: an example list without examples. */
    @Test
    void classifyWithoutExamplesIsInvalid() {
        assertStatus(camel.failure("classify", examples(), signature("classify_x_to_y")),
                Status.Code.INVALID_ARGUMENT, "Input is empty.");
    }

    /** E16, util.cc: an Input of no kind counts no examples either. */
    @Test
    void regressWithAnInputOfNoKindIsInvalid() {
        assertStatus(camel.failure("regress", Input.getDefaultInstance(), signature("regress_x_to_y")),
                Status.Code.INVALID_ARGUMENT, "Input is empty.");
    }

    /** E17, TensorFlow's ParseExample (passed on by regressor.cc): x as int64_list where a float is expected. */
    @Test
    void regressWithAnIntegerFeatureIsInvalid() {
        Example integer = Example.newBuilder().setFeatures(Features.newBuilder().putFeature("x",
                Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(2)).build())).build();

        Status status = camel.failure("regress", examples(integer), signature("regress_x_to_y"));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).contains("Data types don't match. Data type: int64 but expected type: "
                + "float");
    }

    /** E18, TensorFlow's ParseExample: an example without the required x. */
    @Test
    void regressWithoutTheRequiredFeatureIsInvalid() {
        Status status = camel.failure("regress", examples(Example.getDefaultInstance()),
                signature("regress_x_to_y"));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).contains("Feature: x (data type: float) is required but could not be "
                + "found");
    }

    /** classification_service.cc: a request without model_spec (Camel always sends one). */
    @Test
    void classifyWithoutModelSpecIsInvalid() {
        assertThatThrownBy(() -> predictions().classify(ClassificationRequest.newBuilder()
                .setInput(examples(x(2f))).build()))
                .satisfies(e -> assertStatus(Status.fromThrowable(e), Status.Code.INVALID_ARGUMENT,
                        "Missing ModelSpec"));
    }

    /** server_core.cc: Classify on a model that is not served. */
    @Test
    void classifyOnAnUnknownModelIsNotFound() {
        assertStatus(camel.failure("classify", examples(x(2f)), Map.of(TensorFlowServingConstants.MODEL_NAME,
                "nope", TensorFlowServingConstants.SIGNATURE_NAME, "classify_x_to_y")), Status.Code.NOT_FOUND,
                "Servable not found for request: Latest(nope)");
    }

    /** E23, multi_inference.cc: the same signature twice. */
    @Test
    void multiInferenceOfOneSignatureTwiceIsInvalid() {
        assertMultiInferenceFails(Status.Code.INVALID_ARGUMENT, "Duplicate evaluation of signature: regress_x_to_y",
                task(MODEL, "regress_x_to_y", REGRESS), task(MODEL, "regress_x_to_y", REGRESS));
    }

    /** E24, multi_inference.cc: tasks on different models (the first one is served). */
    @Test
    void multiInferenceOnTwoModelsIsInvalid() {
        assertMultiInferenceFails(Status.Code.INVALID_ARGUMENT,
                "All ModelSpecs in a MultiInferenceRequest must access the same model name.",
                task(MODEL, "regress_x_to_y", REGRESS), task("other", "classify_x_to_y", CLASSIFY));
    }

    /** E25, multi_inference.cc: only classify and regress tasks. */
    @Test
    void multiInferenceOfAPredictTaskIsUnimplemented() {
        assertMultiInferenceFails(Status.Code.UNIMPLEMENTED,
                "Unsupported signature method_name: tensorflow/serving/predict",
                task(MODEL, "serving_default", HalfPlusTwo.PREDICT));
    }

    /** E26, multi_inference.cc: an unknown signature. */
    @Test
    void multiInferenceOfAnUnknownSignatureIsInvalid() {
        assertMultiInferenceFails(Status.Code.INVALID_ARGUMENT, "Requested signature not found in model graph: nope",
                task(MODEL, "nope", REGRESS));
    }

    /** multi_inference.cc: a later task without a model name. */
    @Test
    void multiInferenceTaskWithoutModelNameIsInvalid() {
        assertMultiInferenceFails(Status.Code.INVALID_ARGUMENT, "Found ModelSpec with an empty model name.",
                task(MODEL, "regress_x_to_y", REGRESS), task("", "classify_x_to_y", CLASSIFY));
    }

    /** multi_inference_helper.cc GetModelSpecFromRequest: no task is an empty ModelSpec, refused by server_core.cc. */
    @Test
    void multiInferenceWithoutTasksIsInvalid() {
        assertMultiInferenceFails(Status.Code.INVALID_ARGUMENT, "ModelSpec has no name specified.");
    }

    /** multi_inference_helper.cc: the first task names the servable; one not served is NOT_FOUND. */
    @Test
    void multiInferenceOnAnUnknownModelIsNotFound() {
        assertMultiInferenceFails(Status.Code.NOT_FOUND, "Servable not found for request: Latest(nope)",
                task("nope", "regress_x_to_y", REGRESS));
    }

    /** util.cc: MultiInference checks its tasks before the examples, then refuses an empty Input. */
    @Test
    void multiInferenceWithoutExamplesIsInvalid() {
        assertThatThrownBy(() -> predictions().multiInference(MultiInferenceRequest.newBuilder()
                .addTasks(task(MODEL, "regress_x_to_y", REGRESS)).build()))
                .satisfies(e -> assertStatus(Status.fromThrowable(e), Status.Code.INVALID_ARGUMENT,
                        "Input is empty."));
    }

    private static void assertMultiInferenceFails(Status.Code code, String message, InferenceTask... tasks) {
        MultiInferenceRequest.Builder request = MultiInferenceRequest.newBuilder().setInput(examples(x(2f)));
        for (InferenceTask task : tasks) {
            request.addTasks(task);
        }
        assertThatThrownBy(() -> predictions().multiInference(request.build()))
                .satisfies(e -> assertStatus(Status.fromThrowable(e), code, message));
    }

    /** MakeModelSpec: the requested name and signature, the version that answered. */
    private static void assertModelSpec(ModelSpec spec, String signatureName) {
        assertThat(spec.getName()).isEqualTo(MODEL);
        assertThat(spec.getSignatureName()).isEqualTo(signatureName);
        assertThat(spec.getVersion().getValue()).isEqualTo(HalfPlusTwo.VERSION);
    }

    private static PredictionServiceGrpc.PredictionServiceBlockingStub predictions() {
        return PredictionServiceGrpc.newBlockingStub(channel);
    }

    private static Map<String, Object> signature(String name) {
        return Map.of(TensorFlowServingConstants.SIGNATURE_NAME, name);
    }

    private static InferenceTask task(String model, String signatureName, String methodName) {
        return InferenceTask.newBuilder().setModelSpec(ModelSpec.newBuilder().setName(model)
                .setSignatureName(signatureName)).setMethodName(methodName).build();
    }

    /** An {@code example_list} Input, as TF Serving's test client builds it. */
    private static Input examples(Example... examples) {
        return Input.newBuilder().setExampleList(ExampleList.newBuilder().addAllExamples(List.of(examples)))
                .build();
    }

    /** {@code features{feature{"x": float_list [x]}}}. */
    private static Example x(float x) {
        return Example.newBuilder().setFeatures(Features.newBuilder().putFeature("x", Feature.newBuilder()
                .setFloatList(FloatList.newBuilder().addValue(x)).build())).build();
    }
}
