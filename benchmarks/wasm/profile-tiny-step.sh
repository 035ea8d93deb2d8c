#!/usr/bin/env bash
# Builds the WASM engine with function names (build/wasm-prof-out; otherwise the release flags) and prints
# where a tiny-model training step spends its time (benchmarks/wasm/profile_tiny_step.mjs).
set -euo pipefail
cd "$(dirname "$0")/../.."
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
cmake -S . -B build/wasm-prof -G Ninja -DCMAKE_TOOLCHAIN_FILE=/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake \
  -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O3 -DNDEBUG" -DEigen3_DIR=/usr/share/eigen3/cmake \
  -DNABLA_WASM_OUTPUT_DIR="$PWD/build/wasm-prof-out" -DCMAKE_EXE_LINKER_FLAGS=--profiling-funcs >/dev/null
cmake --build build/wasm-prof >/dev/null
node benchmarks/wasm/profile_tiny_step.mjs build/wasm-prof-out "$@"
