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

# The start of a benchmark on the photos of images_dir: TF's log level, image_args, the launchers of edgeloop and
# of the bench module built outside the measurement, and bench_tmp: bench_start NAME MAIN_CLASS IMAGES_DIR.
bench_start() {
  local bench=$1 main_class=$2
  export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2}
  photo_args "$3" "$bench"
  ./edgeloop --version >/dev/null && env -u JAVA_OPTS bin/run-module bench "$main_class" --help >/dev/null
  bench_workdir "$bench-bench"
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

# Starts `edgeloop up ARGS...` (needs bench_workdir; log in $bench_tmp/platform.log, stopped on exit) and waits
# until it is ready: start_platform NAME ARGS... Sets platform_pid, the platform's JVM (bin/run-module execs java).
start_platform() {
  local bench=$1
  shift
  : >"$bench_tmp/platform.log"
  ./edgeloop up "$@" >>"$bench_tmp/platform.log" 2>&1 &
  platform_pid=$!
  bench_pids+=("$platform_pid")
  until grep -q "EdgeLoop is ready" "$bench_tmp/platform.log"; do
    kill -0 "$platform_pid" 2>/dev/null || { tail -30 "$bench_tmp/platform.log" >&2; echo "$bench: the platform exited" >&2; exit 1; }
    sleep 0.2
  done
}
