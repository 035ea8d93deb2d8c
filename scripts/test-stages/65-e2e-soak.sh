#!/usr/bin/env bash
# Browser soak: tests/e2e/soak.test.js in headless Chromium over a Vite dev server it starts itself: 1,000
# create/dispose cycles of models/trainers and of each widget, WASM and JS heaps checked flat (about 20 s).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f build/wasm/nabla.wasm ] && [ -f build/wasm/nabla.js ] || npm run build:wasm
node --test tests/e2e/soak.test.js
