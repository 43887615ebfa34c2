#!/usr/bin/env bash
# Regenerates the manifests that copy the repository's own files (the Camel K Integrations from routes/, the
# Kamelets from kamelets/, the ConfigMaps of catalogue/ and web/): run it after changing any of those or the
# deployment settings in manifests/<site>/integrations/. The validation tests fail while they are out of date.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
exec "$root/bin/run-module" validation io.edgeloop.manifests.ManifestGenerator "$root"
