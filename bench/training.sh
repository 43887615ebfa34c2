#!/usr/bin/env bash
# Training benchmark: held-out accuracy and wall time per feature extractor on the real tea photos in
# ../shared/dataset (559 images, 4 classes, 96 px, a quarter of each class held out).
# Usage: bench/training.sh [DATASET_IMAGES_DIR]   (default ../shared/dataset/images)
set -euo pipefail
cd "$(dirname "$0")/.."
images=${1:-../shared/dataset/images}
[ -d "$images" ] || { echo "no dataset at $images" >&2; exit 1; }

./mvnw -q -B install -pl trainer -am -DskipTests
./mvnw -q -B test-compile -pl trainer
classpath=$(mktemp)
./mvnw -q -B dependency:build-classpath -pl trainer -Dmdep.includeScope=test -Dmdep.outputFile="$classpath"
# histogram (default), base-model (a new head on the exported histogram extractor), cnn with its own defaults
TF_CPP_MIN_LOG_LEVEL=2 java -cp "trainer/target/classes:trainer/target/test-classes:$(cat "$classpath")" \
  io.edgeloop.trainer.model.ExtractorBenchmark "$(cd "$images" && pwd)" histogram base-model cnn:40:0.003
rm -f "$classpath"
