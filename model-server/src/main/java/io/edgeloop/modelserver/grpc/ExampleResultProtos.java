package io.edgeloop.modelserver.grpc;

import io.edgeloop.modelserver.examples.ClassifyResult;
import io.edgeloop.modelserver.examples.InferenceResult;
import io.edgeloop.modelserver.examples.RegressResult;
import io.edgeloop.modelserver.examples.ScoredLabel;
import java.util.List;
import tensorflow.serving.Classification.Class;
import tensorflow.serving.Classification.ClassificationResult;
import tensorflow.serving.Classification.Classifications;
import tensorflow.serving.Inference;
import tensorflow.serving.RegressionOuterClass.Regression;
import tensorflow.serving.RegressionOuterClass.RegressionResult;

/** The core's results as TF Serving's result messages: one Classifications or Regression per example, in order. */
final class ExampleResultProtos {

    private ExampleResultProtos() {
    }

    static ClassificationResult classification(ClassifyResult result) {
        ClassificationResult.Builder proto = ClassificationResult.newBuilder();
        for (List<ScoredLabel> labels : result.classifications()) {
            Classifications.Builder classes = proto.addClassificationsBuilder();
            labels.forEach(scored -> classes.addClasses(Class.newBuilder().setLabel(scored.label())
                    .setScore(scored.score())));
        }
        return proto.build();
    }

    static RegressionResult regression(RegressResult result) {
        RegressionResult.Builder proto = RegressionResult.newBuilder();
        result.values().forEach(value -> proto.addRegressions(Regression.newBuilder().setValue(value)));
        return proto.build();
    }

    /** A MultiInference task's result, without its model_spec. */
    static Inference.InferenceResult.Builder inference(InferenceResult result) {
        Inference.InferenceResult.Builder proto = Inference.InferenceResult.newBuilder();
        if (result instanceof ClassifyResult classify) {
            return proto.setClassificationResult(classification(classify));
        }
        return proto.setRegressionResult(regression((RegressResult) result));
    }
}
