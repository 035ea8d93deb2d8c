#!/usr/bin/env bash
# Browser tests of the graph page, the embeddable widgets and the example lesson: builds the WASM engine (if
# not built), the digit model the <nabla-digit> widget loads (if not trained: ~10 s) and the site, serves dist/
# with `vite preview` on a free port, and runs tests/e2e/graph.test.js, gradcheck.test.js, userop.test.js (user-defined
# ops, on the graph page and in the playground), exercise.test.js, course.test.js
# and threads.test.js (COOP/COEP headers, the threaded build on isolated pages, the single-threaded one on a course
# page without them) in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f build/wasm/nabla.wasm ] && [ -f build/wasm/nabla.js ] || npm run build:wasm
node scripts/train-digit-model.mjs
npm run build --silent
port="$(node --input-type=module -e "import { freePort } from './tests/e2e/lib/previewServer.js'; console.log(await freePort())")"
node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port "$port" --strictPort >/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
export E2E_BASE_URL="http://127.0.0.1:${port}/"
node --input-type=module -e "import { waitForHttp } from './tests/e2e/lib/previewServer.js'; await waitForHttp(process.env.E2E_BASE_URL)"
node --test tests/e2e/graph.test.js tests/e2e/gradcheck.test.js tests/e2e/userop.test.js tests/e2e/exercise.test.js tests/e2e/course.test.js tests/e2e/elements-attributes.test.js tests/e2e/site.test.js tests/e2e/threads.test.js
