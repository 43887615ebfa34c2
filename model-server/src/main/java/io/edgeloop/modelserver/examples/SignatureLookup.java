package io.edgeloop.modelserver.examples;

import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.versions.ServedVersion;
import org.tensorflow.proto.SignatureDef;

/** Finds a SignatureDef by name, {@code serving_default} when none is given, as TF Serving does. */
final class SignatureLookup {

    static final String DEFAULT_KEY = "serving_default";

    private SignatureLookup() {
    }

    /** The name a request means: {@code serving_default} for an empty one. */
    static String key(String signatureName) {
        return signatureName.isEmpty() ? DEFAULT_KEY : signatureName;
    }

    /** @param notFound the message's start, followed by the name, when the version has no such signature */
    static SignatureDef find(ServedVersion version, String signatureName, String notFound) {
        String key = key(signatureName);
        SignatureDef def = version.signatureDefs().get(key);
        if (def == null) {
            throw ApiError.invalidArgument(notFound + key);
        }
        return def;
    }
}
