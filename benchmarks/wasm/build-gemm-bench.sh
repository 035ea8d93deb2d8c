#!/usr/bin/env bash
# Builds the standalone WASM GEMM kernel benchmark into build/bench-wasm/gemm_kernels_bench.cjs
# (single file, wasm embedded). Extra arguments go to em++ (e.g. -DNABLA_SIMD128_MR=4 -o other.cjs).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=build/bench-wasm
mkdir -p "$out"
export NODE_PATH=/usr/share/nodejs
em++ -std=c++20 -O3 -msimd128 -DNDEBUG -DEIGEN_NO_DEBUG -I engine/include -I /usr/include/eigen3 \
  benchmarks/wasm/gemm_kernels_bench.cpp engine/src/ops/gemm_simd128.cpp engine/src/ops/gemm_eigen.cpp \
  engine/src/ops/gemm_portable.cpp engine/src/parallel/threads.cpp -s ALLOW_MEMORY_GROWTH=1 -s ENVIRONMENT=node -s SINGLE_FILE=1 \
  -o "$out/gemm_kernels_bench.cjs" "$@"
