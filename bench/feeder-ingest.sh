#!/usr/bin/env bash
# Feeder ingest benchmark: throughput (MB/s) of a large generated ZIP streamed through the feeder, against raw
# S3 PUTs of the same images in the same run, and the feeder's peak heap under -Xmx256m.
#
# Starts the infrastructure (edgeloop up --infra-only) on the default ports and the feeder alone in its own JVM
# through the official Camel CLI (bin/camel run, offline), then runs io.edgeloop.bench.FeederIngestBench (module
# bench/): it generates the ZIP (SIZE_MB of ENTRY_KB images: a JPEG signature + random bytes), PUTs every image
# into a scratch bucket of the central S3 server, PUTs the ZIP to the feeder, checks its reply and samples the
# feeder's heap with jstat meanwhile. Both paths are warmed first, as in a feeder that has run for a while: rounds of
# WARMUP_IMAGES (128) other images both ways until the feeder's JIT compilers use under 5% of a core, at most
# MAX_WARMUP_ROUNDS (20; 0 measures a fresh feeder JVM). Everything it starts is stopped, its temp files removed.
#
# Usage: bench/feeder-ingest.sh [SIZE_MB (default 1024)] [ENTRY_KB (default 1024)]
#   needs the ports 9092 9093 9000 9010 1883 9001 8081 free and about SIZE_MB of temp space (TMPDIR)
#   FEEDER_HEAP=256m sets the feeder's -Xmx; FEEDER_PROFILE=prod the camel run profile (prod measures what a
#   deployment runs; dev, camel run's default, adds message history and other debugging aids).
# Exits non-zero when the upload fails, the feeder runs out of memory, or something does not start.
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$home"
size_mb=${1:-1024}
entry_kb=${2:-1024}
feeder_heap=${FEEDER_HEAP:-256m}
feeder_profile=${FEEDER_PROFILE:-prod}
ports=(9092 9093 9000 9010 1883 9001 8081)
[[ $size_mb =~ ^[0-9]+$ && $entry_kb =~ ^[0-9]+$ && $size_mb -gt 0 && $entry_kb -gt 0 ]] \
  || { echo "usage: $0 [SIZE_MB] [ENTRY_KB]  (positive integers)" >&2; exit 2; }

taken=()
for port in "${ports[@]}"; do
  if (exec 3<>"/dev/tcp/localhost/$port") 2>/dev/null; then taken+=("$port"); fi
done
if [ ${#taken[@]} -gt 0 ]; then
  echo "feeder-ingest: port(s) ${taken[*]} already in use; the benchmark needs ${ports[*]} free" \
       "(stop a running 'edgeloop up' or feeder first)" >&2
  exit 1
fi

# Build every launcher once, outside the measurement (bin/run-module rebuilds a module whose sources changed).
./edgeloop --version >/dev/null
bin/camel --version >/dev/null
env -u JAVA_OPTS bin/run-module bench io.edgeloop.bench.FeederIngestBench --help >/dev/null 2>&1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/feeder-ingest.XXXXXX")
infra_pid="" feeder_pid=""

# Stops one process we started: TERM, up to 60 s for its shutdown hooks, then KILL.
stop() {
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && { echo "feeder-ingest: pid $pid ignored TERM, killing it" >&2; kill -KILL "$pid" 2>/dev/null || true; }
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop "$feeder_pid"
  stop "$infra_pid"
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits until $1 (a command) succeeds, while process $2 lives; $3 seconds at most; $4 names it, $5 is its log.
await() {
  local check=$1 pid=$2 limit=$3 what=$4 log=$5
  for _ in $(seq $((limit * 5))); do
    eval "$check" && return 0
    kill -0 "$pid" 2>/dev/null || { tail -40 "$log" >&2; echo "feeder-ingest: $what exited before it was ready" >&2; exit 1; }
    sleep 0.2
  done
  tail -40 "$log" >&2
  echo "feeder-ingest: $what not ready within $limit s" >&2
  exit 1
}

echo "feeder-ingest: ${size_mb} MB of ${entry_kb} KB images, feeder -Xmx${feeder_heap} (camel run --profile=${feeder_profile}), $(nproc) cores, temp $tmp"

env -u JAVA_OPTS ./edgeloop up --infra-only --data-dir "$tmp/data" --set edge.id=edge1 \
  --set kafka.port=9092 --set kafka.controller-port=9093 --set s3.central.port=9000 --set s3.edge.port=9010 \
  --set mqtt.port=1883 --set mqtt.ws-port=9001 >"$tmp/infra.log" 2>&1 &
infra_pid=$!
await 'grep -q "EdgeLoop is ready" "$tmp/infra.log"' "$infra_pid" 180 "the infrastructure" "$tmp/infra.log"
[ -s "$tmp/data/central.properties" ] || { echo "feeder-ingest: no $tmp/data/central.properties" >&2; exit 1; }

# The feeder alone, as a developer runs it: the official Camel CLI, its Java beans compiled at start, offline.
JAVA_OPTS="-Xmx${feeder_heap} -Xlog:gc:file=$tmp/feeder-gc.log" \
  bin/camel run routes/central/feeder/* --local-kamelet-dir kamelets \
  --properties "$tmp/data/central.properties" --profile="$feeder_profile" \
  --download=false --logging-color=false >"$tmp/feeder.log" 2>&1 &
feeder_pid=$!   # bin/camel and bin/run-module exec java: this is the feeder JVM
await 'curl -sf http://localhost:8081/observe/health >/dev/null' "$feeder_pid" 180 "the feeder" "$tmp/feeder.log"

set +e
env -u JAVA_OPTS bin/run-module bench io.edgeloop.bench.FeederIngestBench \
  --size-mb="$size_mb" --entry-kb="$entry_kb" --central="$tmp/data/central.properties" \
  --feeder=http://localhost:8081 --edge-id=edge1 --feeder-pid="$feeder_pid" \
  --feeder-log="$tmp/feeder.log" --gc-log="$tmp/feeder-gc.log" --work-dir="$tmp" \
  --warmup-images="${WARMUP_IMAGES:-128}" --max-warmup-rounds="${MAX_WARMUP_ROUNDS:-20}"
rc=$?
set -e
if [ $rc -ne 0 ]; then
  echo "feeder-ingest: FAILED (exit $rc); last lines of the feeder's log:" >&2
  grep -v '^[[:space:]]' "$tmp/feeder.log" | tail -20 >&2
fi
exit $rc
