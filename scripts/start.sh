#!/usr/bin/env bash
# The README's main command (npm start): installs what is missing, builds the engine to WebAssembly and
# the web app (dist/), then serves the production build. HOST/PORT override where it listens
# (PORT=8080 npm start); a port in use is reported before anything is built.
set -euo pipefail
cd "$(dirname "$0")/.."
host="${HOST:-0.0.0.0}"
port="${PORT:-4173}"
bash scripts/bootstrap.sh
node scripts/check-port.mjs "$host" "$port" start
npm run build:wasm
npm run build
for f in dist/index.html dist/mnist.html dist/nabla-embed.js; do
  [ -s "$f" ] || { echo "nabla: the web build is incomplete ($f missing): run 'rm -rf dist' and npm start again" >&2; exit 1; }
done
echo
echo "nabla: serving the playground at http://localhost:${port}/ (listening on ${host}:${port}; PORT=8080 npm start for another port)"
exec npx vite preview --host "$host" --port "$port" --strictPort
