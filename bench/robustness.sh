#!/usr/bin/env bash
# Robustness benchmark: held-out accuracy (the trainer's own split) and out-of-setting accuracy per extractor,
# and the training time, on the real tea photos in ../shared/dataset. The out-of-setting photos are made at run
# time from the held-out photos (products cut out and put on generated backgrounds, other light, other sizes and
# positions; seeded) and never written to disk: see OutOfSettingPhotos in the trainer's tests.
# Usage: bench/robustness.sh [DATASET_IMAGES_DIR] [RENDERS_PER_CHANGE] [EXTRACTOR...]
#   defaults: ../shared/dataset/images 2 histogram cnn
set -euo pipefail
cd "$(dirname "$0")/.."
images=${1:-../shared/dataset/images}
draws=${2:-2}
shift $(( $# > 2 ? 2 : $# ))
extractors=("$@")
[ ${#extractors[@]} -gt 0 ] || extractors=(histogram cnn)
[ -d "$images" ] || { echo "no dataset at $images" >&2; exit 1; }

# Compiles in the reactor only: nothing is installed into the local Maven repository.
classpath=$(mktemp)
trap 'rm -f "$classpath"' EXIT
./mvnw -q -B -ntp -pl trainer -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath"
TF_CPP_MIN_LOG_LEVEL=2 java -cp "trainer/target/classes:trainer/target/test-classes:$(cat "$classpath")" \
  io.edgeloop.trainer.model.RobustnessBenchmark "$(cd "$images" && pwd)" "$draws" "${extractors[@]}"
