#!/usr/bin/env bash
# Usage: client/infer.sh IMAGE
#
# Asks the model server (TensorFlow Serving REST) what the photo shows and prints its answer as it is, like the
# original demo's infer.sh:  {"predictions":["tea-green","0.838234"]}
#
#   MODEL_SERVER_URL  the model server (default http://localhost:8501)
#   MODEL_NAME        the model (default tea_model_b64)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
client_start 1 "$@"
url=$(server_url MODEL_SERVER_URL http://localhost:8501)

post_image "model server" MODEL_SERVER_URL "$url" "/v1/models/${MODEL_NAME:-tea_model_b64}:predict" "$1" \
  '{"instances": [{"b64": "' '"}]}'
print_answer
