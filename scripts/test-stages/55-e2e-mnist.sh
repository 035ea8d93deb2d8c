#!/usr/bin/env bash
# Browser test of the MNIST page: builds the WASM engine (if not built), packs the MNIST data and builds the
# site into its own folder (build/e2e-mnist-dist, so a concurrent `npm run build` of dist/ cannot swap files
# under the test), serves it with `vite preview` on a free port, and runs the page's node and headless-Chromium
# tests (one epoch of the 784-128-10 MLP, Stop, drawing, save/load, convnet, bad data files; the architecture
# editor and the see-inside views).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f build/wasm/nabla.wasm ] && [ -f build/wasm/nabla.js ] || npm run build:wasm
out=build/e2e-mnist-dist
node scripts/build-mnist-data.mjs
node node_modules/vite/bin/vite.js build --logLevel warn --outDir "$out" --emptyOutDir
port="$(node --input-type=module -e "import { freePort } from './tests/e2e/lib/previewServer.js'; console.log(await freePort())")"
node node_modules/vite/bin/vite.js preview --outDir "$out" --host 127.0.0.1 --port "$port" --strictPort >/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
export E2E_BASE_URL="http://127.0.0.1:${port}/"
node --input-type=module -e "import { waitForHttp } from './tests/e2e/lib/previewServer.js'; await waitForHttp(process.env.E2E_BASE_URL)"
node --test tests/e2e/mnist-units.test.js tests/e2e/mnist-inside-units.test.js tests/e2e/mnist.test.js tests/e2e/mnist-inside.test.js
