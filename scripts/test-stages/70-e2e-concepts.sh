#!/usr/bin/env bash
# Browser tests of the concept pages (web/docs/concepts/): builds the WASM engine (if not built) and the site,
# then runs tests/e2e/concepts.test.js in headless Chromium (the test serves dist/ with `vite preview` itself).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f build/wasm/nabla.wasm ] && [ -f build/wasm/nabla.js ] || npm run build:wasm
npm run build --silent
node --test tests/e2e/concepts.test.js
