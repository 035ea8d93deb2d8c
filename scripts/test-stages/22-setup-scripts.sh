#!/usr/bin/env bash
# Set-up scripts stage: bootstrap's Node check and phase times, npm start / npm run dev on a port in use,
# a partial or unusable WASM build directory (tests/scripts/setup.test.js). Needs the WASM build (stage 20).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f build/wasm/nabla.wasm ] && [ -f build/wasm/nabla.js ] || npm run build:wasm
node --test tests/scripts/
