// Shared pieces of the native benchmarks: timing, repetition, result rows and their JSON, in the schema of
// benchmarks/peers (one object {peer, runtime, config, cases: [{case, backend, params, unit, median, ...}]}).
#pragma once
#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace nabla::bench {

struct Config {
  bool smoke = false;  // CI-sized: proves every case runs, numbers meaningless
  int reps = 5;
  int warmup = 1;
  int steps = 500;     // mnist_mlp training steps per repetition
  std::string mnist_dir;
  std::string init;    // raw float32 MLP weights written by benchmarks/peers/make_init.py
  std::vector<std::string> cases;
  int threads = 1;     // engine threads (nabla::set_num_threads)
};

/// One result row; `params` and `extra` are pre-rendered JSON object members ("\"M\": 64, ...").
struct Row {
  std::string name, backend, params, unit, extra, error;
  std::vector<double> samples;
};

inline double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// Runs fn `warmup` times untimed, then `reps` times; fn returns one measurement.
std::vector<double> repeat(const std::function<double()>& fn, int reps, int warmup);
std::string row_json(const Row& row);

std::vector<Row> bench_gemm(const Config& cfg);
std::vector<Row> bench_mnist_mlp(const Config& cfg);
std::vector<Row> bench_tiny_step(const Config& cfg);
std::vector<Row> bench_convnet_step(const Config& cfg);
std::vector<Row> bench_predict_grid(const Config& cfg);
/// Single-core FMA throughput in GFLOP/s (best of several short runs), with the vector width used.
double fma_peak_gflops(std::string* isa);

}  // namespace nabla::bench
