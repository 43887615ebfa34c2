package io.edgeloop.modelserver.examples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.types.TString;

/**
 * The serialized {@code tf.Example}s of one request, one string per example, as TF Serving feeds them to a
 * classify or regress signature. An {@code ExampleListWithContext} is merged the way TF Serving merges it: the
 * context's bytes followed by each example's, so that parsing the concatenation gives the context's features
 * overridden by the example's own (protobuf's merge of repeated messages, map entries last wins).
 */
public record ExampleBatch(List<byte[]> serialized) {

    public ExampleBatch {
        serialized = Collections.unmodifiableList(new ArrayList<>(serialized));
    }

    /** TF Serving's {@code example_list}: each element a serialized {@code tf.Example}. */
    public static ExampleBatch of(List<byte[]> examples) {
        return new ExampleBatch(examples);
    }

    /** TF Serving's {@code example_list_with_context}: the serialized context is put in front of every example. */
    public static ExampleBatch withContext(byte[] context, List<byte[]> examples) {
        List<byte[]> merged = new ArrayList<>(examples.size());
        for (byte[] example : examples) {
            byte[] bytes = new byte[context.length + example.length];
            System.arraycopy(context, 0, bytes, 0, context.length);
            System.arraycopy(example, 0, bytes, context.length, example.length);
            merged.add(bytes);
        }
        return new ExampleBatch(merged);
    }

    public int size() {
        return serialized.size();
    }

    /** The DT_STRING vector {@code [size]} fed to the signature's input. */
    TString toTensor() {
        return TString.tensorOfBytes(NdArrays.vectorOfObjects(serialized.toArray(byte[][]::new)));
    }
}
