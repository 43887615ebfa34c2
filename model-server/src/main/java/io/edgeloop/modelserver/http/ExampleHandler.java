package io.edgeloop.modelserver.http;

import io.edgeloop.modelserver.examples.Classifier;
import io.edgeloop.modelserver.examples.Regressor;
import io.edgeloop.modelserver.json.ExampleRequest;
import io.edgeloop.modelserver.json.ExampleRequestParser;
import io.edgeloop.modelserver.json.ExampleResultWriter;
import io.edgeloop.modelserver.json.RestRequestParser;
import io.edgeloop.modelserver.versions.ModelVersions;
import io.edgeloop.modelserver.versions.ServedVersion;
import io.edgeloop.modelserver.versions.VersionSpec;

/**
 * {@code POST /v1/models/{m}[/versions/{v}|/labels/{l}]:classify} and {@code :regress} as TF Serving answers them:
 * the body's {@code examples} (and {@code context}) become tf.Examples fed to the signature, its results come back
 * as {@code {"results": ...}}. TF Serving's REST API has no MultiInference, so neither has this one.
 */
public final class ExampleHandler {

    private final ModelVersions versions;
    private final RestRequestParser documents;
    private final ExampleRequestParser parser;
    private final ExampleResultWriter writer;
    private final Classifier classifier;
    private final Regressor regressor;

    public ExampleHandler(ModelVersions versions, RestRequestParser documents, ExampleRequestParser parser,
            ExampleResultWriter writer, Classifier classifier, Regressor regressor) {
        this.versions = versions;
        this.documents = documents;
        this.parser = parser;
        this.writer = writer;
        this.classifier = classifier;
        this.regressor = regressor;
    }

    /** The body is read whole before the model is looked up, as TF Serving does. */
    RestResponse classify(String model, VersionSpec spec, byte[] body) {
        ExampleRequest request = parser.read(documents.document(body));
        try (ServedVersion.Lease lease = versions.acquire(model, spec)) {
            return RestResponse.ok(writer.classify(
                    classifier.classify(lease.version(), request.signatureName(), request.batch())));
        }
    }

    RestResponse regress(String model, VersionSpec spec, byte[] body) {
        ExampleRequest request = parser.read(documents.document(body));
        try (ServedVersion.Lease lease = versions.acquire(model, spec)) {
            return RestResponse.ok(writer.regress(
                    regressor.regress(lease.version(), request.signatureName(), request.batch())));
        }
    }
}
