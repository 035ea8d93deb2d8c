#!/usr/bin/env bash
# The single-file build: `npm run build:single` writes dist-single/index.html (engine, worker, page inlined), and
# tests/e2e/single-file.test.js opens it from file:// in headless Chromium and trains.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f build/wasm/nabla.wasm ] && [ -f build/wasm/nabla.js ] || npm run build:wasm
npm run build:single --silent
node --test tests/e2e/single-file.test.js
