#!/usr/bin/env bash
# Usage: client/upload-zip.sh DIR
#
# Ships labelled photos to the central feeder (PUT /zip): zips DIR/images/<class>/<file>, or DIR/<class>/<file>
# when DIR holds the class folders itself (e.g. dataset/images), into entries images/<class>/<file>, uploads the
# ZIP and prints the batch summary, indented when jq is installed:
#   {"batchId": "20261129T205300Z-3f9a1c2b", "edgeId": "edge1", "stored": 559, "duplicates": 0, ...}
# The ZIP is built with zip, or with the JDK's jar where zip is not installed, in a temp folder removed on exit.
#
#   FEEDER_URL    the central feeder (default http://localhost:8081)
#   EDGE_ID       the edge the photos come from (default edge1)
#   FEEDER_TOKEN  the edge's token, sent as "Authorization: Bearer <token>", when the feeder requires one
#   ZIP_TOOL      zip or jar, to choose (default: zip when installed)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
client_start 1 "$@"
url=$(server_url FEEDER_URL http://localhost:8081)
edge=${EDGE_ID:-edge1}

# Writes a ZIP of the folder images/ in $1 to $2, following links, without compressing (photos are compressed).
zip_images() {
  local tool=${ZIP_TOOL:-}
  if [ -z "$tool" ]; then
    tool=jar
    if command -v zip >/dev/null; then tool=zip; fi
  fi
  case $tool in
    zip)
      command -v zip >/dev/null || fail "zip is not installed"
      (cd "$1" && zip -q -r -0 "$2" images) ;;
    jar)
      local jar
      jar=$(command -v jar || echo "${JAVA_HOME:-/nonexistent}/bin/jar")
      [ -x "$jar" ] || fail "needs zip or the JDK's jar to build the ZIP: install zip or a JDK"
      "$jar" --create --no-manifest --no-compress --file "$2" -C "$1" images ;;
    *) fail "ZIP_TOOL must be zip or jar, not $tool" ;;
  esac
}

[ -d "$1" ] || fail "no such directory: $1"
classes=$1
if [ -d "$1/images" ]; then classes=$1/images; fi
[ -n "$(find -L "$classes" -mindepth 2 -maxdepth 2 -type f -print -quit)" ] \
  || fail "no photos in $classes/<class>/ (DIR holds images/<class>/<file> or <class>/<file>)"
require_server feeder "$url" FEEDER_URL

ln -s "$(cd "$classes" && pwd)" "$client_tmp/images"
zip_images "$client_tmp" "$client_tmp/upload.zip"
bearer_auth FEEDER_TOKEN
request feeder FEEDER_URL "$url" "/zip?edgeId=$edge" -H 'Content-Type: application/zip' \
  -T "$client_tmp/upload.zip" ${auth[@]+"${auth[@]}"}
print_pretty_answer
