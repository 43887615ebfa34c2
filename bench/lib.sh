# Shell helpers the benchmark scripts share (source it).

# Sets image_args to "--images DIR" when the real photos are there, else to nothing (synthetic photos).
photo_args() {
  local images=$1 bench=$2
  image_args=()
  if [ -d "$images" ]; then
    image_args=(--images "$(cd "$images" && pwd)")
  else
    echo "$bench: no photos at $images, using synthetic ones" >&2
  fi
}

# Creates bench_tmp, removed on exit together with every process listed in bench_pids.
bench_workdir() {
  bench_tmp=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  bench_pids=()
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  for pid in "${bench_pids[@]}"; do stop_process "$pid"; done
  rm -rf "$bench_tmp"
}

# Stops a process the benchmark started: TERM, up to 30 s to exit, then KILL.
stop_process() {
  local pid=$1
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}
