package io.edgeloop.trainer.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Where a graph gets its learned weights: fresh variables to train, variables to restore from a checkpoint,
 * or constants for a frozen export. Networks ask by name, so all three graphs share one naming.
 */
abstract class Parameters {

    /** How a freshly trained parameter starts. */
    enum Init { GLOROT, ZEROS }

    private final Map<String, Operand<TFloat32>> created = new LinkedHashMap<>();

    /** The parameter {@code name} (no '/': optimizer slot names derive from it), made once per graph. */
    final Operand<TFloat32> get(Ops tf, String name, Shape shape, Init init) {
        return created.computeIfAbsent(name, n -> create(tf, n, shape, init));
    }

    /** Every parameter asked for so far, by name. */
    final Map<String, Operand<TFloat32>> created() {
        return Collections.unmodifiableMap(created);
    }

    abstract Operand<TFloat32> create(Ops tf, String name, Shape shape, Init init);
}
