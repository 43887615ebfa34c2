package io.edgeloop.trainer.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyAdam;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * TF Java's {@link Adam} with its step in a fixed order: every variable's update reads the bias-correction powers
 * (beta1^t, beta2^t) before they advance to t+1. Adam.finish (tensorflow-framework 1.1.0) adds the two power
 * assigns as mere siblings of the ApplyAdam ops, with no control dependency between them, so within one
 * session run each variable's update saw beta^t or beta^(t+1) depending on thread timing: the same seed trained
 * different models, far apart already after the first step when the machine was loaded (Python's
 * AdamOptimizer orders them with control dependencies, as here). Otherwise the same maths, slots and names.
 */
final class OrderedAdam extends Optimizer {

    private final float learningRate;
    private Variable<TFloat32> betaOnePower;
    private Variable<TFloat32> betaTwoPower;

    OrderedAdam(Graph graph, float learningRate) {
        super(graph);
        this.learningRate = learningRate;
    }

    @Override
    protected void createSlots(List<Output<? extends TType>> variables) {
        for (Output<? extends TType> variable : variables) {
            createZeroSlot(variable, Adam.FIRST_MOMENT);
            createZeroSlot(variable, Adam.SECOND_MOMENT);
        }
        betaOnePower = power("beta1_power", Adam.BETA_ONE_DEFAULT);
        betaTwoPower = power("beta2_power", Adam.BETA_TWO_DEFAULT);
    }

    private <T extends TType> void createZeroSlot(Output<T> variable, String slot) {
        createSlot(variable, slot, tf.fill(tf.shape(variable), tf.dtypes.cast(tf.constant(0f), variable.type())));
    }

    private Variable<TFloat32> power(String name, float beta) {
        Variable<TFloat32> power = tf.withInitScope().withName(name).variable(Shape.scalar(), TFloat32.class);
        tf.withInitScope().assign(power, tf.constant(beta));
        return power;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T extends TType> Op applyDense(Ops tf, Output<T> gradient, Output<T> variable) {
        // The trainer's parameters are all float32.
        return tf.train.applyAdam(variable, getSlot(variable, Adam.FIRST_MOMENT).get(),
                getSlot(variable, Adam.SECOND_MOMENT).get(), (Operand<T>) betaOnePower, (Operand<T>) betaTwoPower,
                (Operand<T>) tf.constant(learningRate), (Operand<T>) tf.constant(Adam.BETA_ONE_DEFAULT),
                (Operand<T>) tf.constant(Adam.BETA_TWO_DEFAULT), (Operand<T>) tf.constant(Adam.EPSILON_DEFAULT),
                gradient, ApplyAdam.useLocking(true));
    }

    @Override
    protected Op finish(List<Op> updateOperations, String name) {
        // The powers advance only after every update has read them.
        Ops afterUpdates = tf.withControlDependencies(updateOperations);
        List<Op> step = new ArrayList<>(updateOperations);
        step.add(afterUpdates.assign(betaOnePower, afterUpdates.math.mul(betaOnePower,
                afterUpdates.constant(Adam.BETA_ONE_DEFAULT))));
        step.add(afterUpdates.assign(betaTwoPower, afterUpdates.math.mul(betaTwoPower,
                afterUpdates.constant(Adam.BETA_TWO_DEFAULT))));
        return super.finish(step, name);
    }

    @Override
    public String getOptimizerName() {
        return "Adam";
    }
}
