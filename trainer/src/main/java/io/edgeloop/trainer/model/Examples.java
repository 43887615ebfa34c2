package io.edgeloop.trainer.model;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Readable training images as vectors (features or pixels) with their label indexes. */
record Examples(float[][] vectors, int[] labels) {

    int size() {
        return labels.length;
    }

    Examples subset(int[] indexes) {
        float[][] v = new float[indexes.length][];
        int[] l = new int[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            v[i] = vectors[indexes[i]];
            l[i] = labels[indexes[i]];
        }
        return new Examples(v, l);
    }

    /** These examples followed by {@code more}. */
    Examples concat(Examples more) {
        float[][] v = Arrays.copyOf(vectors, size() + more.size());
        System.arraycopy(more.vectors, 0, v, size(), more.size());
        int[] l = Arrays.copyOf(labels, size() + more.size());
        System.arraycopy(more.labels, 0, l, size(), more.size());
        return new Examples(v, l);
    }

    /** The vectors at {@code indexes} as one tensor [n, itemShape...]. */
    TFloat32 tensor(int[] indexes, Shape itemShape) {
        int length = (int) itemShape.size();
        float[] flat = new float[indexes.length * length];
        for (int i = 0; i < indexes.length; i++) {
            System.arraycopy(vectors[indexes[i]], 0, flat, i * length, length);
        }
        return TFloat32.tensorOf(Shape.of(indexes.length).append(itemShape), DataBuffers.of(flat, true, false));
    }

    TInt32 labelTensor(int[] indexes) {
        int[] l = new int[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            l[i] = labels[indexes[i]];
        }
        return TInt32.vectorOf(l);
    }

    int[] all() {
        return IntStream.range(0, size()).toArray();
    }
}
