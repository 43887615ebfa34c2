#!/usr/bin/env bash
# Predict benchmark: latency (p50/p99) and throughput of the model server over TF Serving's REST and gRPC APIs,
# beside the floor: the same SavedModel called in-process with TensorFlow Java.
#
# Trains the trainer's default classifier (histogram extractor, 96 px) on the photos and exports it as version 1
# (io.edgeloop.bench.PredictModel), serves it with `edgeloop serve` in its own JVM on PORT (REST) and GRPC_PORT, then
# runs io.edgeloop.bench.PredictBench on the same machine: one image per request on serving_default (REST
# {"instances": [{"b64": ...}]}, gRPC PredictRequest image_b64 DT_STRING [1]) and batches on predict_batch, from 1
# and 4 clients, each case on REST, gRPC and in-process (the version folder loaded in the benchmark's JVM), after a
# warm-up. Every answer is checked. The server and its temp files are removed at the end.
#
# Usage: bench/predict.sh [IMAGES_DIR]   (default ../shared/dataset/images, read in place; synthetic photos if absent)
#   PORT=8501 the server's REST port, GRPC_PORT=8500 its gRPC port; SECONDS_PER_CASE=10, WARMUP_SECONDS=3;
#   BATCHES=1,16,32; CLIENTS=1,4
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$home"
source bench/lib.sh
images=${1:-../shared/dataset/images}
port=${PORT:-8501}
grpc_port=${GRPC_PORT:-8500}
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2}

photo_args "$images" predict
for p in "$port" "$grpc_port"; do
  if (exec 3<>"/dev/tcp/localhost/$p") 2>/dev/null; then
    echo "predict: port $p is in use (PORT=... and GRPC_PORT=... pick others)" >&2
    exit 1
  fi
done

# Build both launchers once, outside the measurement (bin/run-module rebuilds a module whose sources changed).
./edgeloop --version >/dev/null
env -u JAVA_OPTS bin/run-module bench io.edgeloop.bench.PredictBench --help >/dev/null

bench_workdir predict-bench
tmp=$bench_tmp

base="$tmp/models/tea_model_b64"
env -u JAVA_OPTS bin/run-module bench io.edgeloop.bench.PredictModel "${image_args[@]}" --base "$base"

env JAVA_OPTS="${SERVER_JAVA_OPTS:-}" ./edgeloop serve --model-name tea_model_b64 --model-base-path "$base" --rest-port "$port" \
  --grpc-port "$grpc_port" >"$tmp/server.log" 2>&1 &
server_pid=$!   # bin/run-module execs java: this is the server JVM
bench_pids+=("$server_pid")
for _ in $(seq 600); do
  curl -sf "http://localhost:$port/healthz" >/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { tail -30 "$tmp/server.log" >&2; echo "predict: the server exited" >&2; exit 1; }
  sleep 0.2
done
curl -sf "http://localhost:$port/healthz" >/dev/null || { tail -30 "$tmp/server.log" >&2; echo "predict: server not ready" >&2; exit 1; }

env -u JAVA_OPTS bin/run-module bench io.edgeloop.bench.PredictBench --url "http://localhost:$port" \
  --grpc "localhost:$grpc_port" --saved-model "$base/1" "${image_args[@]}" \
  --batch "${BATCHES:-1,16,32}" --concurrency "${CLIENTS:-1,4}" \
  --seconds "${SECONDS_PER_CASE:-10}" --warmup-seconds "${WARMUP_SECONDS:-3}"
