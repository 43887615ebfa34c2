package io.edgeloop.trainer.model;

import java.util.List;

/** What a trainer hands back besides its checkpoint: the learning curve and the held-out predictions. */
record TrainingRun(List<EpochStats> history, int[] heldOutPredictions) {
}
