#!/usr/bin/env bash
# Usage: client/ingest.sh IMAGE PRODUCT
#
# Gives the shopper a labelled photo for training (POST /ingestion): PRODUCT is a catalogue label, e.g.
# "Green Tea" (GET /ingestion/options lists them). Prints the answer, indented when jq is installed:
#   {"status": "done", "item": "tea-green", "key": "images/tea-green/2026-11-29_23-22-30-678-ebe0d.jpg"}
#
#   SHOPPER_URL          the shopper (default http://localhost:8080)
#   SHOPPER_ADMIN_TOKEN  the shopper's admin token, sent as "Authorization: Bearer <token>", when it has one
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
client_start 2 "$@"
url=$(server_url SHOPPER_URL http://localhost:8080)

bearer_auth SHOPPER_ADMIN_TOKEN
post_image shopper SHOPPER_URL "$url" /ingestion "$1" '{"image": "' "\", \"product\": $(json_string "$2")}" \
  ${auth[@]+"${auth[@]}"}
print_pretty_answer
