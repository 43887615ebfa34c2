#!/usr/bin/env bash
# Startup benchmark of the local platform: time from launch to "ready" (after the first build),
# that every listed port answers, and the time from Ctrl-C (SIGINT) to exit.
# Usage: bench/startup.sh [RUNS]   (default 3; needs the default ports free)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
ports=(9092 9000 9010 1883 9001 8080 8081 8082 8083 8090 8091 8092 8501)

./edgeloop --version >/dev/null   # build once, outside the measurement

now_ms() { date +%s%3N; }

for run in $(seq 1 "$runs"); do
  data=$(mktemp -d) log=$(mktemp)
  start=$(now_ms)
  # A background job of a script ignores SIGINT; reset it so the JVM sees Ctrl-C as on a terminal.
  python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])' \
    ./edgeloop up --data-dir "$data" >"$log" 2>&1 &
  pid=$!
  until grep -q "EdgeLoop is ready" "$log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "platform died" >&2; exit 1; }
    sleep 0.1
  done
  ready=$(( $(now_ms) - start ))
  closed=()
  for port in "${ports[@]}"; do
    (exec 3<>"/dev/tcp/localhost/$port") 2>/dev/null || closed+=("$port")
  done
  [ ${#closed[@]} -eq 0 ] || { echo "ports not answering: ${closed[*]}" >&2; kill "$pid"; exit 1; }
  stop=$(now_ms)
  kill -INT "$pid"
  wait "$pid" || true
  stopped=$(( $(now_ms) - stop ))
  echo "run $run: ready in ${ready} ms (all ${#ports[@]} ports answer), Ctrl-C to exit in ${stopped} ms"
  rm -rf "$data" "$log"
done
