package io.edgeloop.modelserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.inference.ModelSignature;
import io.edgeloop.modelserver.json.JsonText;
import io.edgeloop.modelserver.json.PredictResponseWriter;
import io.edgeloop.modelserver.json.RestRequestParser;
import io.edgeloop.modelserver.json.SignatureRunner;
import io.edgeloop.modelserver.versions.ModelVersions;
import io.edgeloop.modelserver.versions.ServedVersion;
import io.edgeloop.modelserver.versions.VersionSpec;
import org.tensorflow.Signature;

/**
 * {@code POST /v1/models/{m}[/versions/{v}|/labels/{l}]:predict} as TF Serving answers it; {@code :classify} and
 * {@code :regress} get TF Serving's refusal for a predict signature (they are not implemented for others either).
 */
public final class PredictHandler {

    private static final String CLASSIFY_METHOD = "tensorflow/serving/classify";
    private static final String REGRESS_METHOD = "tensorflow/serving/regress";

    private final ModelVersions versions;
    private final RestRequestParser parser;
    private final SignatureRunner runner;
    private final PredictResponseWriter writer;

    public PredictHandler(ModelVersions versions, RestRequestParser parser, SignatureRunner runner,
            PredictResponseWriter writer) {
        this.versions = versions;
        this.parser = parser;
        this.runner = runner;
        this.writer = writer;
    }

    /** @param verb {@code predict}, {@code classify} or {@code regress} */
    RestResponse answer(String verb, String model, VersionSpec spec, byte[] body) {
        ObjectNode document = parser.document(body);
        String signatureName = RestRequestParser.signatureName(document);
        if (!verb.equals("predict")) {
            requireExamples(document);
        }
        String key = signatureName.isEmpty() ? Signature.DEFAULT_KEY : signatureName;
        try (ServedVersion.Lease lease = versions.acquire(model, spec)) {
            ModelSignature signature = lease.version().signature(key).orElseThrow(() -> ApiError.invalidArgument(
                    "Serving signature name: \"" + key + "\" not found in signature def"));
            if (!verb.equals("predict")) {
                throw refusal(verb, signature);
            }
            RestRequestParser.PredictInputs inputs = parser.inputs(document, signature);
            return RestResponse.ok(writer.write(runner.run(lease.version(), signature, inputs.tensors()),
                    inputs.format()));
        }
    }

    /** TF Serving reads a classify or regress body before anything else: a list of tf.Example objects. */
    private static void requireExamples(ObjectNode document) {
        JsonNode examples = document.get("examples");
        if (examples == null) {
            throw ApiError.invalidArgument("JSON Value: " + JsonText.quote(document)
                    + " When method is classify, key 'examples' is expected and was not found");
        }
        if (!examples.isArray()) {
            throw ApiError.invalidArgument("JSON Value: " + JsonText.quote(document)
                    + " Expecting 'examples' value to be an list/array");
        }
        if (examples.isEmpty()) {
            throw ApiError.invalidArgument("JSON Value: " + JsonText.quote(document)
                    + " 'examples' value is an empty array");
        }
    }

    private static ApiError refusal(String verb, ModelSignature signature) {
        boolean classify = verb.equals("classify");
        String expected = classify ? CLASSIFY_METHOD : REGRESS_METHOD;
        if (!expected.equals(signature.methodName())) {
            return ApiError.invalidArgument("Expected " + (classify ? "classification" : "regression")
                    + " signature method_name to be " + expected + ". Was: " + signature.methodName());
        }
        return ApiError.unimplemented("The :" + verb + " API (tf.Example inputs) is not implemented by this server; "
                + "use :predict");
    }
}
