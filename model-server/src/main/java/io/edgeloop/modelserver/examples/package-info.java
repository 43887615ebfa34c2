/**
 * TF Serving's Classify, Regress and MultiInference over serialized {@code tf.Example}s, independent of transport:
 * the REST handler and the gRPC service both hand an {@link io.edgeloop.modelserver.examples.ExampleBatch} and a
 * signature name to {@link io.edgeloop.modelserver.examples.Classifier},
 * {@link io.edgeloop.modelserver.examples.Regressor} or {@link io.edgeloop.modelserver.examples.MultiInference}, and
 * get TF Serving's results or its errors (as {@link io.edgeloop.modelserver.inference.ApiError}) back.
 */
package io.edgeloop.modelserver.examples;
