#!/usr/bin/env bash
# WebAssembly stage: builds build/wasm/nabla.{js,wasm} and runs every JS test over it with Node's test runner
# (tests/js/, which includes tests/js/expr), then the gradient-parity check against PyTorch.
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run --silent build:wasm
node --test tests/js/
if [ -f tests/js/parity/run.sh ]; then bash tests/js/parity/run.sh; fi
