#!/usr/bin/env bash
# The README's main command (npm start): installs what is missing, builds the engine to WebAssembly and
# the web app (dist/), then serves the production build. HOST/PORT override where it listens.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
npm run build:wasm
npm run build
host="${HOST:-0.0.0.0}"
port="${PORT:-4173}"
echo
echo "nabla: serving the playground at http://localhost:${port}/ (listening on ${host}:${port})"
exec npx vite preview --host "$host" --port "$port" --strictPort
