// `nabla bench`: the native side of the benchmark suite (see benchmarks/README.md). The CLI calls
// run_benchmarks(argc, argv) with argv[1] == "bench"; it prints one JSON report to stdout.
#pragma once

namespace nabla::bench {

/// Flags: --smoke, --cases gemm,mnist_mlp,tiny_step,convnet_step,predict_grid, --reps N, --warmup N,
/// --steps N, --mnist-dir DIR, --init FILE. Returns the exit code (2 on a bad flag, 1 if any case failed).
int run_benchmarks(int argc, char** argv);

}  // namespace nabla::bench
