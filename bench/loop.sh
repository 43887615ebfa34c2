#!/usr/bin/env bash
# Full loop benchmark: from a ZIP of labelled photos uploaded to the feeder to the new model version answering
# on the edge model server, through `edgeloop up` (feeder -> trigger -> delivery -> local EventListener ->
# trainer child process -> <edge>-ready -> manager -> model server).
#
# Starts `edgeloop up` on the default ports; its first pass trains the initial model from generated photos (timed
# too: launch to version 1 served). Then uploads DATASET with client/upload-zip.sh and times upload, and upload to
# version 2 AVAILABLE on the model server. Everything it starts is stopped.
#
# Usage: bench/loop.sh [DATASET]   (default ../shared/dataset, read in place; synthetic photos if absent)
#   needs the default ports of `edgeloop up` free.
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$home"
source bench/lib.sh
dataset=${1:-../shared/dataset}
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2}

./edgeloop --version >/dev/null   # build outside the measurement
bench_workdir loop-bench
data=$bench_tmp
if [ ! -d "$dataset" ]; then
  echo "loop: no photos at $dataset, generating some" >&2
  ./edgeloop dataset synth --out "$data/synthetic" >/dev/null
  dataset="$data/synthetic"
fi

now_ms() { date +%s%3N; }
served() { curl -sf "http://localhost:8501/v1/models/tea_model_b64/versions/$1" | grep -q AVAILABLE; }
await_served() {
  local deadline=$(( $(date +%s) + 600 ))
  until served "$1"; do
    [ "$(date +%s)" -lt "$deadline" ] || { tail -30 "$data/platform.log" >&2; echo "loop: version $1 not served in 10 minutes" >&2; exit 1; }
    kill -0 "$platform_pid" 2>/dev/null || { tail -30 "$data/platform.log" >&2; echo "loop: the platform exited" >&2; exit 1; }
    sleep 0.2
  done
}

launched=$(now_ms)
start_platform loop --data-dir "$data/state"
ready=$(now_ms)
await_served 1
first=$(now_ms)
echo "edgeloop up ready in $(( (ready - launched) / 1000 )) s; initial model (generated photos) served $(( (first - ready) / 1000 )) s later"

start=$(now_ms)
summary=$(client/upload-zip.sh "$dataset")
uploaded=$(now_ms)
await_served 2
done_ms=$(now_ms)
echo "upload of $dataset: $(( uploaded - start )) ms ($(echo "$summary" | tr -d '\n ' | grep -o '"stored":[0-9]*'))"
echo "upload start -> version 2 AVAILABLE: $(( (done_ms - start) / 1000 )) s"
grep -E "Training of edge|delivered to the edge" "$data/platform.log" | sed 's/^/  /'
