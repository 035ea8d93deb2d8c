#!/usr/bin/env bash
# npm run dev: the Vite dev server over the built engine, with hot reload of the pages and the JS API.
# Builds the WebAssembly engine (incremental) and the data files the pages fetch first; after a C++ change,
# `npm run build:wasm` in another terminal rebuilds build/wasm/ and the open pages reload. HOST/PORT as for
# npm start (default port 5173).
set -euo pipefail
cd "$(dirname "$0")/.."
host="${HOST:-127.0.0.1}"
port="${PORT:-5173}"
bash scripts/bootstrap.sh
node scripts/check-port.mjs "$host" "$port" "run dev"
npm run build:wasm
node scripts/build-mnist-data.mjs
node scripts/train-digit-model.mjs
echo
echo "nabla: dev server at http://localhost:${port}/ (hot reload; PORT=8080 npm run dev for another port)"
exec node node_modules/vite/bin/vite.js --host "$host" --port "$port" --strictPort
