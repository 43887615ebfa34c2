package io.edgeloop.modelserver.inference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * A SignatureDef of a loaded version: what its inputs and outputs are called, their dtypes and shapes, which JSON is
 * converted to and from.
 */
public record ModelSignature(String key, String methodName, SortedMap<String, TensorSpec> inputs,
        SortedMap<String, TensorSpec> outputs) {

    public ModelSignature {
        inputs = Collections.unmodifiableSortedMap(new TreeMap<>(inputs));
        outputs = Collections.unmodifiableSortedMap(new TreeMap<>(outputs));
    }

    /**
     * Every signature of the bundle, by key, read from the MetaGraphDef's SignatureDefs as TF Serving reads them
     * (TF Java's own signature descriptions take an input of unknown rank for a scalar).
     */
    public static Map<String, ModelSignature> of(SavedModelBundle bundle) {
        Map<String, ModelSignature> signatures = new LinkedHashMap<>();
        new TreeMap<>(bundle.metaGraphDef().getSignatureDefMap()).forEach((key, def) ->
                signatures.put(key, of(key, def)));
        return Collections.unmodifiableMap(signatures);
    }

    static ModelSignature of(String key, SignatureDef def) {
        return new ModelSignature(key, def.getMethodName(), specs(def.getInputsMap()), specs(def.getOutputsMap()));
    }

    private static SortedMap<String, TensorSpec> specs(Map<String, TensorInfo> tensors) {
        SortedMap<String, TensorSpec> specs = new TreeMap<>();
        tensors.forEach((alias, tensor) -> specs.put(alias,
                new TensorSpec(alias, tensor.getName(), tensor.getDtype(), shape(tensor.getTensorShape()))));
        return specs;
    }

    private static Shape shape(TensorShapeProto proto) {
        if (proto.getUnknownRank()) {
            return Shape.unknown();
        }
        return Shape.of(proto.getDimList().stream().mapToLong(TensorShapeProto.Dim::getSize).toArray());
    }
}
