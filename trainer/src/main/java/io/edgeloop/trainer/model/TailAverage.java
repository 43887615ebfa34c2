package io.edgeloop.trainer.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Averages the parameters over the last training steps (Polyak averaging): Adam's final steps jitter around
 * the optimum, so the last iterate alone makes the held-out accuracy depend on where the jitter stopped.
 */
final class TailAverage {

    private final Op accumulate;
    private final Op apply;

    /** Ops over every parameter created so far; {@code steps} is how many accumulations {@link #apply} averages. */
    TailAverage(Ops tf, Parameters parameters, int steps) {
        List<Op> accumulations = new ArrayList<>();
        List<Op> assignments = new ArrayList<>();
        parameters.created().forEach((name, parameter) -> {
            Operand<TFloat32> sum = tf.withName(name + "_tail_sum").variable(
                    tf.zeros(tf.constant(parameter.shape()), TFloat32.class));
            accumulations.add(tf.assignAdd(sum, parameter));
            assignments.add(tf.assign(parameter, tf.math.div(sum, tf.constant((float) steps))));
        });
        this.accumulate = tf.withControlDependencies(accumulations).noOp();
        this.apply = tf.withControlDependencies(assignments).noOp();
    }

    /** Adds the current parameters to the sums. */
    Op accumulate() {
        return accumulate;
    }

    /** Replaces the parameters by their average. */
    Op apply() {
        return apply;
    }
}
