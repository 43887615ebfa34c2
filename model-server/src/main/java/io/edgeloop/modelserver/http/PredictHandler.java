package io.edgeloop.modelserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.inference.ModelSignature;
import io.edgeloop.modelserver.json.PredictResponseWriter;
import io.edgeloop.modelserver.json.RestRequestParser;
import io.edgeloop.modelserver.json.SignatureRunner;
import io.edgeloop.modelserver.versions.ModelVersions;
import io.edgeloop.modelserver.versions.ServedVersion;
import io.edgeloop.modelserver.versions.VersionSpec;
import org.tensorflow.Signature;

/** {@code POST /v1/models/{m}[/versions/{v}|/labels/{l}]:predict} as TF Serving answers it. */
public final class PredictHandler {

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

    RestResponse answer(String model, VersionSpec spec, byte[] body) {
        ObjectNode document = parser.document(body);
        String signatureName = RestRequestParser.signatureName(document);
        String key = signatureName.isEmpty() ? Signature.DEFAULT_KEY : signatureName;
        try (ServedVersion.Lease lease = versions.acquire(model, spec)) {
            ModelSignature signature = lease.version().signature(key).orElseThrow(() -> ApiError.invalidArgument(
                    "Serving signature name: \"" + key + "\" not found in signature def"));
            RestRequestParser.PredictInputs inputs = parser.inputs(document, signature);
            return RestResponse.ok(writer.write(runner.run(lease.version(), signature, inputs.tensors()),
                    inputs.format()));
        }
    }
}
