#!/usr/bin/env bash
# Detection benchmark: latency (p50/p99) and throughput of the shopper's POST /detection against asking the model
# server directly (POST /v1/models/tea_model_b64:predict), same photos, through the real platform.
#
# Starts `edgeloop up` on the default ports; it trains the initial model through the loop on the same photos
# (--dataset). io.edgeloop.bench.DetectBench waits for the model server to serve it, loads both paths until the JIT
# has compiled them, then sends the photos both ways from 1 and 4 clients, each case after a warm-up, checks every
# answer and prints the shopper's overhead and the platform's CPU time per request; then each call the shopper makes
# per detection alone (model status, price, S3 PUT of the photo through the SDK and presigned from a plain HTTP
# client, MQTT event). Every detection stores its photo in the edge S3 (on disk under data.dir since the local S3
# persists; `--ephemeral` keeps it in memory), as in a shop.
#
# Usage: bench/detect.sh [IMAGES_DIR]   (default ../shared/dataset/images, read in place; synthetic photos if absent)
#   SECONDS_PER_CASE=10, WARMUP_SECONDS=3, PRIME_SECONDS=30 (then more until the JIT settles, at most MAX_PRIME_SECONDS=600), CLIENTS=1,4; needs the default ports of `edgeloop up` free.
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$home"
source bench/lib.sh
bench_start detect io.edgeloop.bench.DetectBench "${1:-../shared/dataset/images}"
# image_args is "--images DIR" with real photos: the initial model learns the same ones (else generated photos).
start_platform detect --data-dir "$bench_tmp" ${image_args[1]+--dataset "${image_args[1]}"}

env -u JAVA_OPTS bin/run-module bench io.edgeloop.bench.DetectBench "${image_args[@]}" \
  --edge-properties "$bench_tmp/edge.properties" --platform-pid "$platform_pid" \
  --concurrency "${CLIENTS:-1,4}" --seconds "${SECONDS_PER_CASE:-10}" --warmup-seconds "${WARMUP_SECONDS:-3}" \
  --prime-seconds "${PRIME_SECONDS:-30}" --max-prime-seconds "${MAX_PRIME_SECONDS:-600}"
