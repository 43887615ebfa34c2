package io.edgeloop.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

/**
 * The variable layouts of TF2/Keras exports, built with TensorFlow Java on a Graph and Session directly:
 * resource variables read in the main graph, and resource variables captured by the functions that
 * {@code tf.saved_model.save} calls through {@code StatefulPartitionedCall}/{@code PartitionedCall}.
 * Each frozen graph must hold no variable ops and compute what the graph with variables computes.
 */
class VariableFreezerTest {

    private static final Set<String> VARIABLE_OPS = Set.of("VarHandleOp", "VariableV2", "Variable",
            "ReadVariableOp", "AssignVariableOp", "Assign");
    private static final float[][] INPUT = {{1f, 2f, 3f}, {-1f, 0.5f, 4f}};
    private static final float[][] WEIGHTS = {{0.5f, -1f}, {2f, 0.25f}, {-0.75f, 1.5f}};
    private static final float[] BIAS = {0.1f, -0.2f};

    /** x [N, 3] -> y [N, 2] = x W + b, W and b resource variables read in the main graph. */
    @Test
    void freezesResourceVariablesReadInTheMainGraph() {
        check(tf -> {
            var x = tf.withName("x").placeholder(TFloat32.class);
            var w = resource(tf, "w", WEIGHTS);
            var b = resource(tf, "b", BIAS);
            return tf.withName("y").math.add(tf.linalg.matMul(x, tf.readVariableOp(w, TFloat32.class)),
                    tf.readVariableOp(b, TFloat32.class));
        });
    }

    /** A TF1 VariableV2 and a resource variable in one graph (as in a TF1 model re-exported by TF2). */
    @Test
    void freezesReferenceAndResourceVariablesTogether() {
        check(tf -> {
            var x = tf.withName("x").placeholder(TFloat32.class);
            var w = tf.withName("w").variable(Shape.of(3, 2), TFloat32.class);
            tf.withName("w_init").assign(w, tf.constant(WEIGHTS));
            var b = resource(tf, "b", BIAS);
            return tf.withName("y").math.add(tf.linalg.matMul(x, w), tf.readVariableOp(b, TFloat32.class));
        });
    }

    /** Like {@code tf.saved_model.save}: the serving graph calls a function that gets the variables as args. */
    @Test
    void freezesVariablesCapturedByAStatefulPartitionedCall() {
        try (ConcreteFunction dense = dense()) {
            check(tf -> {
                var x = tf.withName("x").placeholder(TFloat32.class);
                var w = resource(tf, "w", WEIGHTS);
                var b = resource(tf, "b", BIAS);
                return tf.withName("y").statefulPartitionedCall(List.of(x, w, b), List.of(TFloat32.class), dense)
                        .output().get(0);
            });
        }
    }

    @Test
    void freezesVariablesCapturedByAPartitionedCall() {
        try (ConcreteFunction dense = dense()) {
            check(tf -> {
                var x = tf.withName("x").placeholder(TFloat32.class);
                var w = resource(tf, "w", WEIGHTS);
                var b = resource(tf, "b", BIAS);
                return tf.withName("y").partitionedCall(List.of(x, w, b), List.of(TFloat32.class), dense)
                        .output().get(0);
            });
        }
    }

    /** Keras exports nest calls: serving_default calls the model's function, which calls a layer's. */
    @Test
    void freezesVariablesPassedOnToANestedCall() {
        try (ConcreteFunction dense = dense(); ConcreteFunction model = model(dense)) {
            check(tf -> {
                var x = tf.withName("x").placeholder(TFloat32.class);
                var w = resource(tf, "w", WEIGHTS);
                var b = resource(tf, "b", BIAS);
                return tf.withName("y").statefulPartitionedCall(List.of(x, w, b), List.of(TFloat32.class), model)
                        .output().get(0);
            });
        }
    }

    /** A variable also read directly in the main graph and passed to a function, whose other input stays. */
    @Test
    void freezesAVariableReadBothInTheGraphAndInAFunction() {
        try (ConcreteFunction dense = dense()) {
            check(tf -> {
                var x = tf.withName("x").placeholder(TFloat32.class);
                var w = resource(tf, "w", WEIGHTS);
                var b = resource(tf, "b", BIAS);
                @SuppressWarnings("unchecked")
                var called = (Operand<TFloat32>) tf.statefulPartitionedCall(List.of(x, w, b),
                        List.of(TFloat32.class), dense).output().get(0);
                return tf.withName("y").math.mul(called, tf.readVariableOp(b, TFloat32.class));
            });
        }
    }

    @Test
    void refusesAVariableUsedOtherThanByReading() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            var x = tf.withName("x").placeholder(TFloat32.class);
            var w = resource(tf, "w", WEIGHTS);
            tf.withName("y").assignAddVariableOp(w, x);
            session.initialize();
            assertThatThrownBy(() -> VariableFreezer.freeze(graph.toGraphDef(), graph, session, List.of("x", "y")))
                    .isInstanceOf(BaseModelException.class).hasMessageContaining("AssignAddVariableOp");
        }
    }

    /** A resource variable initialised to {@code value}, by an initializer {@link Session#initialize} runs. */
    private static Operand<?> resource(Ops tf, String name, Object value) {
        var constant = value instanceof float[][] m ? tf.constant(m) : tf.constant((float[]) value);
        var handle = tf.withName(name).varHandleOp(TFloat32.class, constant.shape(),
                org.tensorflow.op.core.VarHandleOp.sharedName(name));
        tf.withInitScope().withName(name + "_init").assignVariableOp(handle, constant);
        return handle;
    }

    /** y = x W + b with W and b resource arguments, as TF2 traces a layer that captures its variables. */
    private static ConcreteFunction dense() {
        return ConcreteFunction.create(tf -> {
            var x = tf.withName("x").placeholder(TFloat32.class);
            Output<?> w = resourceArg(tf, "w");
            Output<?> b = resourceArg(tf, "b");
            var y = tf.withName("y").math.add(tf.linalg.matMul(x, tf.readVariableOp(w, TFloat32.class)),
                    tf.readVariableOp(b, TFloat32.class));
            return Signature.builder().key("dense").input("x", x).input("w", w).input("b", b).output("y", y).build();
        });
    }

    /** relu(dense(x, W, b)), passing its resource arguments on to {@code dense}. */
    private static ConcreteFunction model(ConcreteFunction dense) {
        return ConcreteFunction.create(tf -> {
            var x = tf.withName("x").placeholder(TFloat32.class);
            Output<?> w = resourceArg(tf, "w");
            Output<?> b = resourceArg(tf, "b");
            @SuppressWarnings("unchecked")
            var called = (Operand<TFloat32>) tf.statefulPartitionedCall(List.of(x, w, b), List.of(TFloat32.class),
                    dense).output().get(0);
            var y = tf.withName("y").nn.relu(called);
            return Signature.builder().key("model").input("x", x).input("w", w).input("b", b).output("y", y).build();
        });
    }

    private static Output<?> resourceArg(Ops tf, String name) {
        return tf.scope().env().opBuilder("Placeholder", name, tf.scope()).setAttr("dtype", DataType.DT_RESOURCE)
                .build().output(0);
    }

    /** Builds the graph, freezes x -> y and checks the frozen graph has no variables and computes the same. */
    private static void check(Function<Ops, Operand<?>> build) {
        float[][] expected;
        GraphDef frozen;
        String output;
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Operand<?> y = build.apply(tf);
            session.initialize();
            graph.operations().forEachRemaining(op -> {
                if (op.type().equals("VariableV2")) {
                    // tf.variable has no initializer of its own; run the assignment built next to it.
                    session.runner().addTarget(op.name() + "_init").run();
                }
            });
            output = y.op().name();
            expected = run(session, "x", output);
            frozen = VariableFreezer.freeze(likeTf2(graph.toGraphDef()), graph, session, List.of("x", output));
        }
        assertThat(frozen.getNodeList()).extracting(NodeDef::getOp).doesNotContainAnyElementsOf(VARIABLE_OPS);
        assertThat(frozen.getNodeList()).noneMatch(n -> n.getAttrMap().containsKey("_read_only_resource_inputs"));
        for (FunctionDef function : frozen.getLibrary().getFunctionList()) {
            boolean called = frozen.getNodeList().stream().anyMatch(n -> n.getAttrMap().containsKey("f")
                    && n.getAttrOrThrow("f").getFunc().getName().equals(function.getSignature().getName()));
            if (called) {
                assertThat(function.getSignature().getInputArgList()).extracting(a -> a.getType())
                        .doesNotContain(DataType.DT_RESOURCE);
            }
        }
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            graph.importGraphDef(frozen);
            float[][] actual = run(session, "x", output);
            assertThat(actual).isDeepEqualTo(expected);
        }
        assertThat(expected[0][0]).isNotZero();
    }

    /**
     * {@code graph} with the attribute TF2 puts on its call ops: the indices of the resource inputs they only
     * read (which no longer match once frozen arguments are dropped).
     */
    private static GraphDef likeTf2(GraphDef graph) {
        GraphDef.Builder builder = graph.toBuilder();
        for (NodeDef.Builder node : builder.getNodeBuilderList()) {
            if (node.getOp().endsWith("PartitionedCall")) {
                AttrValue.ListValue.Builder indices = AttrValue.ListValue.newBuilder();
                List<DataType> types = node.getAttrOrThrow("Tin").getList().getTypeList();
                for (int i = 0; i < types.size(); i++) {
                    if (types.get(i) == DataType.DT_RESOURCE) {
                        indices.addI(i);
                    }
                }
                node.putAttr("_read_only_resource_inputs", AttrValue.newBuilder().setList(indices).build());
            }
        }
        return builder.build();
    }

    private static float[][] run(Session session, String input, String output) {
        try (TFloat32 x = TFloat32.tensorOf(org.tensorflow.ndarray.StdArrays.ndCopyOf(INPUT));
                TFloat32 y = (TFloat32) session.runner().feed(input, x).fetch(output).run().get(0)) {
            return org.tensorflow.ndarray.StdArrays.array2dCopyOf(y);
        }
    }
}
