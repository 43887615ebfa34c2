package io.edgeloop.modelserver.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import io.edgeloop.modelserver.versions.ModelVersions;
import io.edgeloop.modelserver.versions.ServedVersion;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.framework.TensorProto;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.Predict.PredictResponse;

/**
 * TF Serving's gRPC Predict ({@code predict_util.cc}, TensorFlow's {@code GetInputValues}): the request's tensors fed
 * as they are to the signature's graph tensors (TensorFlow alone judges dtypes and shapes), the wanted outputs
 * fetched and written back by alias.
 */
final class Predictor {

    private final ModelVersions versions;

    Predictor(ModelVersions versions) {
        this.versions = versions;
    }

    PredictResponse predict(PredictRequest request) {
        ModelSpec spec = ModelSpecs.required(request.hasModelSpec(), request.getModelSpec());
        try (ServedVersion.Lease lease = versions.acquire(ModelSpecs.modelName(spec), ModelSpecs.version(spec))) {
            String key = ModelSpecs.signatureName(spec);
            SignatureDef signature = lease.version().signatureDefs().get(key);
            if (signature == null) {
                throw GrpcErrors.of(Status.Code.FAILED_PRECONDITION, "Serving signature key \"" + key
                        + "\" not found.");
            }
            requireInputCount(signature, request);
            Map<String, String> fetches = fetches(signature, request.getOutputFilterList());
            PredictResponse.Builder response = PredictResponse.newBuilder()
                    .setModelSpec(ModelSpecs.answered(spec.getName(), key, lease.version().version()));
            Map<String, Tensor> feeds = new LinkedHashMap<>();
            try {
                feed(signature, request.getInputsMap(), feeds);
                try (Result result = lease.version().run(feeds, new ArrayList<>(fetches.values()))) {
                    int index = 0;
                    for (String alias : fetches.keySet()) {
                        response.putOutputs(alias, TensorProtoWriter.write(result.get(index++)));
                    }
                }
            } finally {
                feeds.values().forEach(Tensor::close);
            }
            return response.build();
        }
    }

    /** More inputs than the signature has, or fewer without signature defaults, is refused before anything else. */
    private static void requireInputCount(SignatureDef signature, PredictRequest request) {
        int sent = request.getInputsCount();
        int expected = signature.getInputsCount();
        if (sent > expected || (sent < expected && signature.getDefaultsCount() == 0)) {
            SortedSet<String> requestKeys = new TreeSet<>(request.getInputsMap().keySet());
            SortedSet<String> signatureKeys = new TreeSet<>(signature.getInputsMap().keySet());
            SortedSet<String> extra = new TreeSet<>(requestKeys);
            extra.removeAll(signatureKeys);
            SortedSet<String> missing = new TreeSet<>(signatureKeys);
            missing.removeAll(requestKeys);
            throw GrpcErrors.invalidArgument("input size does not match signature: " + sent + "!=" + expected
                    + " len({" + String.join(",", requestKeys) + "}) != len({" + String.join(",", signatureKeys)
                    + "}). Sent extra: {" + String.join(",", extra) + "}. Missing but required: {"
                    + String.join(",", missing) + "}.");
        }
    }

    /** TensorFlow's GetInputValues: each signature input from the request, else its default; no unused input. */
    private static void feed(SignatureDef signature, Map<String, TensorProto> inputs, Map<String, Tensor> feeds) {
        Set<String> used = new TreeSet<>();
        for (Map.Entry<String, TensorInfo> input : new TreeMap<>(signature.getInputsMap()).entrySet()) {
            String alias = input.getKey();
            TensorProto proto = inputs.get(alias);
            if (proto != null) {
                used.add(alias);
            } else if (signature.containsDefaults(alias)) {
                proto = defaultValue(signature, alias);
            } else {
                throw GrpcErrors.invalidArgument("Signature input alias: " + alias + "(feed name: "
                        + input.getValue().getName() + ") not found in request and no default value provided. "
                        + "Inputs expected to be in the request {" + String.join(",", new TreeSet<>(inputs.keySet()))
                        + "}, or default input alias set: "
                        + String.join(",", new TreeSet<>(signature.getDefaultsMap().keySet())));
            }
            try {
                feeds.put(input.getValue().getName(), TensorProtoReader.read(proto));
            } catch (TensorProtoReader.UnreadableTensor e) {
                throw GrpcErrors.invalidArgument("tensor parsing error: " + alias);
            }
        }
        if (used.size() != inputs.size()) {
            throw GrpcErrors.invalidArgument("Inputs contains invalid name. Used request inputs: "
                    + String.join(",", used) + ", request input: " + String.join(",", new TreeSet<>(inputs.keySet())));
        }
    }

    /** A signature default is TensorFlow Java's TensorProto class; the same message as the request's class. */
    private static TensorProto defaultValue(SignatureDef signature, String alias) {
        try {
            return TensorProto.parseFrom(signature.getDefaultsOrThrow(alias).toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw GrpcErrors.of(Status.Code.INTERNAL, "Unreadable default of input " + alias + ": " + e.getMessage());
        }
    }

    /** The outputs to fetch, alias to tensor name: the filter's, checked, or (none) every output of the signature. */
    private static Map<String, String> fetches(SignatureDef signature, List<String> filter) {
        Map<String, String> fetches = new LinkedHashMap<>();
        for (String alias : filter) {
            TensorInfo output = signature.getOutputsMap().get(alias);
            if (output == null) {
                throw GrpcErrors.invalidArgument("output tensor alias not found in signature: " + alias
                        + " Outputs expected to be in the set {"
                        + String.join(",", new TreeSet<>(signature.getOutputsMap().keySet())) + "}.");
            }
            if (fetches.containsKey(alias)) {
                throw GrpcErrors.invalidArgument("duplicate output tensor alias: " + alias);
            }
            fetches.put(alias, output.getName());
        }
        if (fetches.isEmpty()) {
            new TreeMap<>(signature.getOutputsMap()).forEach((alias, output) ->
                    fetches.put(alias, output.getName()));
        }
        return fetches;
    }
}
