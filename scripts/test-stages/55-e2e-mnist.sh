#!/usr/bin/env bash
# Browser test of the MNIST page: builds the WASM engine (if not built) and the site (which packs the MNIST
# data into web/public/data/), serves dist/ with `vite preview` on a free port, and runs
# tests/e2e/mnist.test.js in headless Chromium (one epoch of the 784-128-10 MLP, Stop, drawing, save/load).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f build/wasm/nabla.wasm ] && [ -f build/wasm/nabla.js ] || npm run build:wasm
npm run build --silent
port="$(node --input-type=module -e "import { freePort } from './tests/e2e/lib/previewServer.js'; console.log(await freePort())")"
node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port "$port" --strictPort >/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
export E2E_BASE_URL="http://127.0.0.1:${port}/"
node --input-type=module -e "import { waitForHttp } from './tests/e2e/lib/previewServer.js'; await waitForHttp(process.env.E2E_BASE_URL)"
node --test tests/e2e/mnist-units.test.js tests/e2e/mnist.test.js
