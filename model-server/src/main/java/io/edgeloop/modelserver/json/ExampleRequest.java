package io.edgeloop.modelserver.json;

import io.edgeloop.modelserver.examples.ExampleBatch;
import java.util.List;
import java.util.Optional;
import org.tensorflow.proto.Example;

/**
 * A classify or regress body read as TF Serving reads it: the signature asked for ({@code ""} for the default),
 * the optional {@code context} and the {@code examples}.
 */
public record ExampleRequest(String signatureName, Optional<Example> context, List<Example> examples) {

    public ExampleRequest {
        examples = List.copyOf(examples);
    }

    /** The examples serialized for the model, each after the context when there is one. */
    public ExampleBatch batch() {
        List<byte[]> serialized = examples.stream().map(Example::toByteArray).toList();
        return context.map(c -> ExampleBatch.withContext(c.toByteArray(), serialized))
                .orElseGet(() -> ExampleBatch.of(serialized));
    }
}
