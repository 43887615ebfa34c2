package io.edgeloop.modelserver.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.edgeloop.modelserver.versions.ModelVersions;
import io.edgeloop.modelserver.versions.ServedVersion;
import io.grpc.Status;
import org.tensorflow.framework.SignatureDef;
import tensorflow.serving.GetModelMetadata.GetModelMetadataRequest;
import tensorflow.serving.GetModelMetadata.GetModelMetadataResponse;
import tensorflow.serving.GetModelMetadata.SignatureDefMap;
import tensorflow.serving.Model.ModelSpec;

/**
 * TF Serving's gRPC GetModelMetadata ({@code get_model_metadata_impl.cc}): the version's SignatureDefs exactly as
 * the SavedModel holds them, packed as {@code metadata["signature_def"]}, so a client can find out what to send.
 */
final class MetadataReader {

    static final String SIGNATURE_DEF = "signature_def";

    private final ModelVersions versions;

    MetadataReader(ModelVersions versions) {
        this.versions = versions;
    }

    GetModelMetadataResponse metadata(GetModelMetadataRequest request) {
        ModelSpec spec = ModelSpecs.required(request.hasModelSpec(), request.getModelSpec());
        if (request.getMetadataFieldCount() == 0) {
            throw GrpcErrors.invalidArgument("GetModelMetadataRequest must specify at least one metadata_field");
        }
        for (String field : request.getMetadataFieldList()) {
            if (!field.equals(SIGNATURE_DEF)) {
                throw GrpcErrors.invalidArgument("Metadata field " + field + " is not supported");
            }
        }
        try (ServedVersion.Lease lease = versions.acquire(ModelSpecs.modelName(spec), ModelSpecs.version(spec))) {
            SignatureDefMap.Builder signatures = SignatureDefMap.newBuilder();
            lease.version().signatureDefs().forEach((key, signature) -> signatures.putSignatureDef(key,
                    asServingProto(key, signature)));
            return GetModelMetadataResponse.newBuilder()
                    .setModelSpec(ModelSpecs.answered(spec.getName(), "", lease.version().version()))
                    .putMetadata(SIGNATURE_DEF, Any.pack(signatures.build()))
                    .build();
        }
    }

    /** TensorFlow Java's SignatureDef class as the serving protos' class of the same message. */
    private static SignatureDef asServingProto(String key, org.tensorflow.proto.SignatureDef signature) {
        try {
            return SignatureDef.parseFrom(signature.toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw GrpcErrors.of(Status.Code.INTERNAL, "Unreadable signature " + key + ": " + e.getMessage());
        }
    }
}
