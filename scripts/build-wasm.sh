#!/usr/bin/env bash
# Builds the WebAssembly module (CMake preset `wasm`, Emscripten toolchain): build/wasm/nabla.js + nabla.wasm.
# Debian's Emscripten needs NODE_PATH for its JS optimizer, so it is set here rather than by the caller.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
cmake --preset wasm >/dev/null
cmake --build --preset wasm
for f in build/wasm/nabla.wasm build/wasm/nabla.js; do
  printf '%-22s %9d bytes, %8d gzipped (-9)\n' "$f" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
done
