#!/usr/bin/env bash
# WebAssembly stage: builds build/wasm/nabla.{js,wasm} and runs every JS test over it with Node's test runner:
# tests/js/*.test.js (the API, memory, errors, training, native-vs-WASM agreement), tests/js/expr, and
# tests/js/parity (gradient parity with PyTorch through /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run --silent build:wasm
node --test tests/js/
