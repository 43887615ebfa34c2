#!/usr/bin/env bash
# Rollout benchmark: time from a model version's manifest landing in <edge>-ready to the first answer the edge
# model server gives with it, under load, through the real platform (manager route + model server).
#
# Starts `edgeloop up` on the default ports, then runs io.edgeloop.bench.RolloutBench: it trains the default
# classifier once, publishes VERSIONS versions into edge1-ready with the trainer's publisher (files, then the
# manifest), while CLIENTS clients keep predicting through the v2 infer API (each answer names its version). It
# prints each version's rollout time and fails if any answer failed. Everything it starts is stopped.
#
# Usage: bench/rollout.sh [IMAGES_DIR]   (default ../shared/dataset/images, read in place; synthetic photos if absent)
#   VERSIONS=6, CLIENTS=4; needs the default ports of `edgeloop up` free.
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$home"
source bench/lib.sh
images=${1:-../shared/dataset/images}
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2}
photo_args "$images" rollout

# Build the launchers outside the measurement.
./edgeloop --version >/dev/null && env -u JAVA_OPTS bin/run-module bench io.edgeloop.bench.RolloutBench --help >/dev/null

bench_workdir rollout-bench
data=$bench_tmp

./edgeloop up --data-dir "$data" >"$data/platform.log" 2>&1 &
pid=$!
bench_pids+=("$pid")
until grep -q "EdgeLoop is ready" "$data/platform.log"; do
  kill -0 "$pid" 2>/dev/null || { tail -30 "$data/platform.log" >&2; echo "rollout: the platform exited" >&2; exit 1; }
  sleep 0.2
done

env -u JAVA_OPTS bin/run-module bench io.edgeloop.bench.RolloutBench --central "$data/central.properties" \
  "${image_args[@]}" --versions "${VERSIONS:-6}" --clients "${CLIENTS:-4}"
