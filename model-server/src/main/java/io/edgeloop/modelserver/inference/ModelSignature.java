package io.edgeloop.modelserver.inference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;

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

    /** Every signature of the bundle, by key. */
    public static Map<String, ModelSignature> of(SavedModelBundle bundle) {
        Map<String, ModelSignature> signatures = new LinkedHashMap<>();
        for (Signature signature : bundle.signatures()) {
            signatures.put(signature.key(), new ModelSignature(signature.key(), signature.methodName(),
                    specs(signature.getInputs()), specs(signature.getOutputs())));
        }
        return Collections.unmodifiableMap(signatures);
    }

    private static SortedMap<String, TensorSpec> specs(Map<String, Signature.TensorDescription> tensors) {
        SortedMap<String, TensorSpec> specs = new TreeMap<>();
        tensors.forEach((alias, tensor) -> specs.put(alias,
                new TensorSpec(alias, tensor.name, tensor.dataType, tensor.shape)));
        return specs;
    }
}
