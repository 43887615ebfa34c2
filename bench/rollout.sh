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
bench_start rollout io.edgeloop.bench.RolloutBench "${1:-../shared/dataset/images}"
data=$bench_tmp

start_platform rollout --data-dir "$data"

env -u JAVA_OPTS bin/run-module bench io.edgeloop.bench.RolloutBench --central "$data/central.properties" \
  "${image_args[@]}" --versions "${VERSIONS:-6}" --clients "${CLIENTS:-4}"
