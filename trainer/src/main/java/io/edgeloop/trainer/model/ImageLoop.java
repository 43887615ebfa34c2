package io.edgeloop.trainer.model;

import java.util.function.BiFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.TensorArray;
import org.tensorflow.op.core.TensorArrayGather;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * Applies a per-image subgraph to every element of a string vector (a graph-mode map_fn): decoding has no
 * batch op, so batch signatures loop. A while loop writing into a TensorArray stays linear in the batch size.
 */
final class ImageLoop {

    private ImageLoop() {
    }

    /**
     * Stacks {@code perImage(one)} over {@code images} ([-1] strings) into [N, elementShape...]. perImage gets
     * a [1] string tensor and builds in the loop body's graph, which sees nothing of the outer graph.
     */
    @SuppressWarnings("unchecked")
    static Operand<TFloat32> map(Ops tf, Operand<TString> images, Shape elementShape, String name,
            BiFunction<Ops, Operand<TString>, Operand<TFloat32>> perImage) {
        Graph graph = (Graph) tf.scope().env();
        Operand<TInt32> count = tf.size(images, TInt32.class);
        TensorArray results = tf.tensorArray(count, TFloat32.class, TensorArray.elementShape(elementShape));
        Output<?>[] loopVars = {tf.constant(0).asOutput(), images.asOutput(), results.handle(), results.flow()};
        Output<?>[] done = graph.whileLoop(loopVars,
                (cond, in, out) -> {
                    Ops c = Ops.create(cond);
                    out[0] = c.math.less((Operand<TInt32>) in[0], c.size((Operand<TString>) in[1], TInt32.class))
                            .asOutput();
                },
                (body, in, out) -> {
                    Ops b = Ops.create(body);
                    Operand<TInt32> index = (Operand<TInt32>) in[0];
                    Operand<TString> one = b.slice((Operand<TString>) in[1], b.reshape(index,
                            b.constant(new int[] {1})), b.constant(new int[] {1}));
                    Operand<TFloat32> value = b.reshape(perImage.apply(b, one), b.constant(elementShape));
                    out[0] = b.math.add(index, b.constant(1)).asOutput();
                    out[1] = in[1];
                    out[2] = in[2];
                    out[3] = b.tensorArrayWrite(in[2], index, value, (Operand<TFloat32>) in[3]).flowOut().asOutput();
                },
                name);
        return tf.tensorArrayGather(done[2], tf.range(tf.constant(0), count, tf.constant(1)),
                (Operand<TFloat32>) done[3], TFloat32.class, TensorArrayGather.elementShape(elementShape));
    }
}
