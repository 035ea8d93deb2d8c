#!/usr/bin/env bash
# Browser test of the playground: builds the WASM engine (if not built) and the site, serves dist/ with
# `vite preview` on a free port, and runs tests/e2e/playground.test.js in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f build/wasm/nabla.wasm ] && [ -f build/wasm/nabla.js ] || npm run build:wasm
npm run build --silent
port="$(node --input-type=module -e "import { freePort } from './tests/e2e/lib/previewServer.js'; console.log(await freePort())")"
node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port "$port" --strictPort >/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
trap 'exit 130' INT   # signals become exits, so the EXIT trap stops the server on every way out
trap 'exit 143' TERM
trap 'exit 129' HUP
export E2E_BASE_URL="http://127.0.0.1:${port}/"
node --input-type=module -e "import { waitForHttp } from './tests/e2e/lib/previewServer.js'; await waitForHttp(process.env.E2E_BASE_URL)"
node --test tests/e2e/playground-state.test.js tests/e2e/playground.test.js tests/e2e/playground-layers.test.js tests/e2e/playground-pytorch.test.js tests/e2e/playground-data.test.js tests/e2e/playground-parity.test.js tests/e2e/playground-history.test.js tests/e2e/playground-ab.test.js tests/e2e/playground-table.test.js tests/e2e/playground-dark.test.js
