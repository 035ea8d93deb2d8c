// `nabla_bench`: the native side of the benchmark suite (benchmarks/run.mjs runs it). main() calls
// run_benchmarks(argc, argv) with the flags from argv[1] on; it prints one JSON report to stdout.
#pragma once

namespace nabla::bench {

/// Flags: --smoke, --cases gemm,mnist_mlp,tiny_step,convnet_step,predict_grid, --reps N, --warmup N,
/// --steps N, --mnist-dir DIR, --init FILE. Returns the exit code (2 on a bad flag, 1 if any case failed).
int run_benchmarks(int argc, char** argv);

}  // namespace nabla::bench
