package io.edgeloop.trainer.model;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/**
 * Sessions whose results depend on the seed only. A reduction spread over a thread pool adds in an order that varies
 * from run to run, and the float sums differ in their last bits: the same seed drifted apart after some epochs. Used
 * where the work is small (one image's features, the softmax head), so one thread costs nothing.
 */
final class ReproducibleSessions {

    private static final ConfigProto ONE_THREAD = ConfigProto.newBuilder().setIntraOpParallelismThreads(1)
            .setInterOpParallelismThreads(1).build();

    private ReproducibleSessions() {
    }

    static Session of(Graph graph) {
        return new Session(graph, ONE_THREAD);
    }
}
