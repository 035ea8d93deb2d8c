#!/usr/bin/env bash
# Builds the WebAssembly module (CMake preset `wasm`, Emscripten toolchain): build/wasm/nabla.js + nabla.wasm.
# Debian's Emscripten needs NODE_PATH for its JS optimizer, so it is set here rather than by the caller.
# A partial build/wasm (one of the pair missing: ninja would call it up to date) is relinked; a build
# directory CMake cannot use (copied from elsewhere, half deleted) gets a message saying what to remove.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
has() { [ -e "build/wasm/$1" ] && echo 1 || echo 0; }
if [ "$(has nabla.js)" != "$(has nabla.wasm)" ]; then
  echo "build-wasm: build/wasm is partial (nabla.js and nabla.wasm must both exist): relinking"
  rm -f build/wasm/nabla.js build/wasm/nabla.wasm
fi
mkdir -p build
if ! cmake --preset wasm >build/wasm-configure.log 2>&1; then
  tail -n 20 build/wasm-configure.log >&2
  echo "build-wasm: configuring build/wasm-cmake failed (log: build/wasm-configure.log). If the build directory is" >&2
  echo "  broken or was copied from another checkout, remove it and build again: rm -rf build/wasm-cmake build/wasm" >&2
  exit 1
fi
cmake --build --preset wasm
if [ "$(head -c 4 build/wasm/nabla.wasm | od -An -tx1 | tr -d ' ')" != "0061736d" ]; then
  echo "build-wasm: build/wasm/nabla.wasm is not a WebAssembly file: rm -rf build/wasm-cmake build/wasm and build again" >&2
  exit 1
fi
for f in build/wasm/nabla.wasm build/wasm/nabla.js; do
  printf '%-22s %9d bytes, %8d gzipped (-9)\n' "$f" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
done
