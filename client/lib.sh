# What the client scripts share (source it): help, checks, requests and how answers and failures are printed.
# Every failure is one line on stderr naming what failed, and a non-zero exit.

client_name=$(basename "$0")
client_tmp=

# The value of a URL variable, or its default, without a trailing slash: server_url VARIABLE DEFAULT.
server_url() {
  local url=${!1:-$2}
  printf '%s' "${url%/}"
}

# The script's leading comment block, without the "#", is its help.
client_usage() {
  sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p;}' "$0"
}

# The start of every script: client_start N "$@" prints the help and exits 0 on -h/--help, prints the usage line
# and exits 2 unless the script got N arguments, and makes client_tmp.
client_start() {
  local wanted=$1
  shift
  case "${1:-}" in
    -h|--help) client_usage; exit 0 ;;
  esac
  if [ $# -ne "$wanted" ]; then
    echo "$(client_usage | head -1) (--help tells more)" >&2
    exit 2
  fi
  client_workdir
}

fail() {
  echo "$client_name: $*" >&2
  exit 1
}

require_file() {
  [ -f "$1" ] || fail "no such file: $1"
  [ -r "$1" ] || fail "cannot read $1"
}

# A temp directory, removed on exit with whatever the script put there.
client_workdir() {
  client_tmp=$(mktemp -d "${TMPDIR:-/tmp}/edgeloop-client.XXXXXX")
  trap 'rm -rf "$client_tmp"' EXIT
  trap 'exit 130' INT TERM
}

unreachable() {
  local server=$1 url=$2 variable=$3
  fail "cannot reach the $server at $url (is it running? set $variable to its URL)"
}

# Fails unless something answers HTTP at the URL (any status will do): before work that takes long.
require_server() {
  local server=$1 url=$2 variable=$3
  curl -s -o /dev/null --connect-timeout 5 --max-time 10 "$url/" || unreachable "$server" "$url" "$variable"
}

# File content as base64 on one line (GNU and BSD base64 alike).
base64_file() {
  base64 <"$1" | tr -d '\n\r'
}

# A shell string as a JSON string, quotes included.
json_string() {
  local escaped=${1//\\/\\\\}
  printf '"%s"' "${escaped//\"/\\\"}"
}

# {"error": "..."} of an answer, or its first 200 characters when it has none, on one line.
error_text() {
  local error
  if command -v jq >/dev/null; then
    error=$(jq -r '.error? // empty' <"$1" 2>/dev/null || true)
  else
    error=$(sed -n 's/.*"error" *: *"\([^"\\]*\(\\.[^"\\]*\)*\)".*/\1/p' "$1" | head -1 | sed 's/\\\(["\\/]\)/\1/g')
  fi
  if [ -z "$error" ]; then
    error=$(head -c 200 "$1")
  fi
  printf '%s' "$error" | tr -s '\n\r\t ' ' '
}

# Sends a request to the server: request SERVER URL_VARIABLE BASE_URL PATH CURL_ARGS...
# Leaves the answer in $client_tmp/answer; fails on a connection problem or an answer that is not 2xx.
request() {
  local server=$1 variable=$2 base=$3 path=$4 status code=0
  shift 4
  status=$(curl -sS -o "$client_tmp/answer" -w '%{http_code}' --connect-timeout 10 "$@" "$base$path" \
    2>"$client_tmp/curl-error") || code=$?
  case $code in
    0) ;;
    6|7|28|52|56) unreachable "$server" "$base" "$variable" ;;
    *) fail "request to the $server at $base failed: $(head -1 "$client_tmp/curl-error")" ;;
  esac
  case $status in
    2??) ;;
    *) fail "the $server at $base answered $status: $(error_text "$client_tmp/answer")" ;;
  esac
}

# Writes the answer as the server sent it.
print_answer() {
  cat "$client_tmp/answer"
  [ -z "$(tail -c 1 "$client_tmp/answer")" ] || echo
}

# Writes the answer indented when jq is installed, as sent otherwise.
print_pretty_answer() {
  if command -v jq >/dev/null && jq . "$client_tmp/answer" >"$client_tmp/pretty" 2>/dev/null; then
    cat "$client_tmp/pretty"
  else
    print_answer
  fi
}

# Sets the array auth to the curl arguments of "Authorization: Bearer <token>" when the variable named $1 holds a
# token, to none otherwise: bearer_auth FEEDER_TOKEN.
bearer_auth() {
  auth=()
  if [ -n "${!1:-}" ]; then auth=(-H "Authorization: Bearer ${!1}"); fi
}

# Posts PREFIX, the image file as base64 and SUFFIX as a JSON body, with request's checks and any further curl
# arguments: post_image SERVER URL_VARIABLE BASE_URL PATH IMAGE PREFIX SUFFIX [CURL_ARGS...].
post_image() {
  require_file "$5"
  {
    printf '%s' "$6"
    base64_file "$5"
    printf '%s' "$7"
  } >"$client_tmp/body.json"
  request "$1" "$2" "$3" "$4" --max-time 120 -H 'Content-Type: application/json' --data-binary "@$client_tmp/body.json" \
    "${@:8}"
}
