#!/usr/bin/env bash
# Builds the WebAssembly modules (Emscripten toolchain): the single-threaded build/wasm/nabla.{js,wasm} (preset
# `wasm`) and the threaded build/wasm-threads/nabla.{js,wasm,worker.js} (preset `wasm-threads`, pthreads).
# Debian's Emscripten needs NODE_PATH for its JS optimizer, so it is set here rather than by the caller.
# A partial output directory (one of the files missing: ninja would call it up to date) is relinked; a build
# directory CMake cannot use (copied from elsewhere, half deleted) gets a message saying what to remove.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/configure-preset.sh
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
mkdir -p build
build() {  # preset, output directory, its files
  local preset=$1 out=$2
  shift 2
  local present=0 f
  for f in "$@"; do [ -e "$out/$f" ] && present=$((present + 1)); done
  if [ "$present" != 0 ] && [ "$present" != $# ]; then
    echo "build-wasm: $out is partial ($* must all exist): relinking"
    for f in "$@"; do rm -f "$out/$f"; done
  fi
  configure_preset "$preset" build-wasm "build/$preset-cmake $out"
  cmake --build --preset "$preset"
  if [ "$(head -c 4 "$out/nabla.wasm" | od -An -tx1 | tr -d ' ')" != "0061736d" ]; then
    echo "build-wasm: $out/nabla.wasm is not a WebAssembly file: rm -rf build/$preset-cmake $out and build again" >&2
    exit 1
  fi
  for f in "$@"; do
    printf '%-30s %9d bytes, %8d gzipped (-9)\n' "$out/$f" "$(stat -c %s "$out/$f")" "$(gzip -9 -c "$out/$f" | wc -c)"
  done
}
build wasm build/wasm nabla.js nabla.wasm
build wasm-threads build/wasm-threads nabla.js nabla.wasm nabla.worker.js
