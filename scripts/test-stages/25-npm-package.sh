#!/usr/bin/env bash
# npm package stage: packs the package (prepack: the WASM build, incremental, and the embed bundle), installs
# the tarball into an empty temporary folder offline, runs a Node sample there and builds and runs a Vite app
# that imports it (tests/e2e/package.test.js).
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
node --test tests/e2e/package.test.js
echo "npm package: $(( $(date +%s) - start )) s"
