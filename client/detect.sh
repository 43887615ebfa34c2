#!/usr/bin/env bash
# Usage: client/detect.sh IMAGE
#
# Asks the shopper what the photo shows (POST /detection) and prints its answer, indented when jq is installed:
#   {"known": true, "pricetag": "Green Tea: 2.99", "item": "tea-green", "label": "Green Tea", ...}
#
#   SHOPPER_URL  the shopper (default http://localhost:8080)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
client_start 1 "$@"
url=$(server_url SHOPPER_URL http://localhost:8080)

post_image shopper SHOPPER_URL "$url" /detection "$1" '{"image": "' '"}'
print_pretty_answer
