package io.edgeloop.modelserver.grpc;

import com.google.protobuf.AbstractMessageLite;
import io.edgeloop.modelserver.examples.ExampleBatch;
import java.util.List;
import org.tensorflow.example.Example;
import tensorflow.serving.InputOuterClass.Input;

/**
 * A request's {@code Input} as the serialized tf.Examples TF Serving feeds (util.cc InputToSerializedExampleTensor):
 * an {@code example_list} as it is, an {@code example_list_with_context} with the context in front of each example,
 * and an Input of no kind as no examples, which the core refuses as {@code Input is empty.}.
 */
final class ExampleInputs {

    private ExampleInputs() {
    }

    static ExampleBatch batch(Input input) {
        return switch (input.getKindCase()) {
            case EXAMPLE_LIST -> ExampleBatch.of(serialized(input.getExampleList().getExamplesList()));
            case EXAMPLE_LIST_WITH_CONTEXT -> ExampleBatch.withContext(
                    input.getExampleListWithContext().getContext().toByteArray(),
                    serialized(input.getExampleListWithContext().getExamplesList()));
            case KIND_NOT_SET -> ExampleBatch.of(List.of());
        };
    }

    private static List<byte[]> serialized(List<Example> examples) {
        return examples.stream().map(AbstractMessageLite::toByteArray).toList();
    }
}
