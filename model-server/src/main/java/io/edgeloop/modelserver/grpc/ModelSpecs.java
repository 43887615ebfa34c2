package io.edgeloop.modelserver.grpc;

import com.google.protobuf.Int64Value;
import io.edgeloop.modelserver.versions.VersionSpec;
import tensorflow.serving.Model.ModelSpec;

/** TF Serving's ModelSpec both ways: which servable a request asks for, and which one answered it. */
final class ModelSpecs {

    static final String DEFAULT_SIGNATURE = "serving_default";

    private ModelSpecs() {
    }

    /** TF Serving's first check of every RPC: a request without a model_spec names nothing to serve. */
    static ModelSpec required(boolean present, ModelSpec spec) {
        if (!present) {
            throw GrpcErrors.invalidArgument("Missing ModelSpec");
        }
        return spec;
    }

    /** The model a spec names; ServerCore refuses an empty one before looking anything up. */
    static String modelName(ModelSpec spec) {
        if (spec.getName().isEmpty()) {
            throw GrpcErrors.invalidArgument("ModelSpec has no name specified.");
        }
        return spec.getName();
    }

    /** A version number, a label, or (neither set) the latest. */
    static VersionSpec version(ModelSpec spec) {
        return switch (spec.getVersionChoiceCase()) {
            case VERSION -> new VersionSpec.Specific(spec.getVersion().getValue());
            case VERSION_LABEL -> new VersionSpec.Label(spec.getVersionLabel());
            case VERSIONCHOICE_NOT_SET -> VersionSpec.LATEST;
        };
    }

    /** The signature a request names, {@code serving_default} when it names none. */
    static String signatureName(ModelSpec spec) {
        return spec.getSignatureName().isEmpty() ? DEFAULT_SIGNATURE : spec.getSignatureName();
    }

    /** TF Serving's MakeModelSpec: the answering version by number (a label is not echoed). */
    static ModelSpec answered(String modelName, String signatureName, long version) {
        return ModelSpec.newBuilder().setName(modelName).setSignatureName(signatureName)
                .setVersion(Int64Value.of(version)).build();
    }
}
