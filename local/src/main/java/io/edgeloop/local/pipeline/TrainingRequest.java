package io.edgeloop.local.pipeline;

/** A request to train an edge's model, as the Tekton EventListener receives it ({"id-edge", "batch-id"}). */
public record TrainingRequest(String edgeId, String batchId) {
}
