// Standalone GEMM kernel benchmark and check, compiled with emcc -msimd128 and run in Node: the
// SIMD128 microkernel against Eigen-in-WASM, the 128-bit mul+add ceiling, and a naive-loop check.
// Prints one JSON object (the peers' schema). Build: benchmarks/wasm/build-gemm-bench.sh.
#include <wasm_simd128.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "../../engine/src/ops/gemm_kernels.h"

using namespace nabla::detail;
using Fn = void (*)(bool, bool, int64_t, int64_t, int64_t, const float*, const float*, float*, float);

static double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// The 128-bit ceiling: 12 independent f32x4 chains of acc = acc * x + y (mul then add, as in the
/// kernel), 12 x 8 flops per iteration; enough chains in flight to hide both latencies.
__attribute__((noinline)) static double simd128_peak_once(long iters) {
  volatile float seed = 1.0000001f;
  const v128_t x = wasm_f32x4_splat(seed), y = wasm_f32x4_splat(seed - 1.0f);
#define NABLA_CHAINS(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11)
#define NABLA_INIT(i) v128_t a##i = wasm_f32x4_splat(seed * (i + 1));
#define NABLA_STEP(i) a##i = wasm_f32x4_add(wasm_f32x4_mul(a##i, x), y);
#define NABLA_SUM(i) s = wasm_f32x4_add(s, a##i);
  NABLA_CHAINS(NABLA_INIT)
  double t0 = now();
  for (long it = 0; it < iters; ++it) { NABLA_CHAINS(NABLA_STEP) }
  double dt = now() - t0;
  v128_t s = wasm_f32x4_splat(0);
  NABLA_CHAINS(NABLA_SUM)
  if (wasm_f32x4_extract_lane(s, 0) == 12345.f) std::puts("");
  return iters * 12.0 * 8 / dt / 1e9;
}

/// Best of many short runs: V8 runs a function's first calls in its baseline compiler (Liftoff) and
/// has no on-stack replacement for WASM, so one long call would measure the baseline code.
static double simd128_peak() {
  double best = 0;
  for (int i = 0; i < 40; ++i) best = std::max(best, simd128_peak_once(2'000'000));
  return best;
}

static double max_error(Fn fn) {
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(-1, 1);
  double worst = 0;
  for (int m : {1, 3, 5, 17, 33, 67})
    for (int n : {1, 7, 9, 31, 64})
      for (int k : {1, 2, 13, 300})
        for (int t = 0; t < 8; ++t) {
          bool ta = t & 1, tb = t & 2, acc = t & 4;
          std::vector<float> a(m * k), b(k * n), c(m * n), ref(m * n);
          for (auto& v : a) v = u(rng);
          for (auto& v : b) v = u(rng);
          for (int i = 0; i < m * n; ++i) c[i] = ref[i] = u(rng);
          for (int i = 0; i < m; ++i)
            for (int j = 0; j < n; ++j) {
              double s = acc ? ref[i * n + j] : 0;
              for (int p = 0; p < k; ++p) s += double(ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
              ref[i * n + j] = float(s);
            }
          fn(ta, tb, m, n, k, a.data(), b.data(), c.data(), acc ? 1.0f : 0.0f);
          for (int i = 0; i < m * n; ++i) worst = std::max(worst, double(std::fabs(c[i] - ref[i])));
        }
  return worst;
}

int main(int argc, char** argv) {
  bool smoke = argc > 1 && std::string(argv[1]) == "--smoke";
  int reps = smoke ? 2 : 7;
  const int shapes[4][3] = {{64, 784, 256}, {64, 256, 128}, {256, 256, 256}, {512, 512, 512}};
  struct Impl { const char* name; Fn fn; } impls[] = {
      {"simd128", gemm_simd128}, {"eigen", gemm_eigen}, {"portable", gemm_portable}};
  // Both paths behind gemm_simd128 checked on every shape (the timed call picks one by size).
  const double path_error = std::max(max_error(gemm_simd128_small), max_error(gemm_simd128_packed));
  double peak = simd128_peak();
  std::printf("{\"peer\": \"nabla-gemm-kernels-wasm\", \"simd128_peak_gflops\": %.3f, \"cases\": [\n", peak);
  bool first = true;
  for (auto& impl : impls) {
    double err = max_error(impl.fn);
    if (impl.fn == gemm_simd128) err = std::max(err, path_error);
    for (auto& s : shapes) {
      int m = s[0], k = s[1], n = s[2];
      double flops = 2.0 * m * k * n;
      int calls = smoke ? 1 : std::max(8, int(std::lround(1e9 / flops)));
      std::mt19937 rng(0);
      std::normal_distribution<float> g;
      std::vector<float> a(m * k), c(m * n);
      std::vector<std::vector<float>> bs(4, std::vector<float>(k * n));
      for (auto& v : a) v = g(rng);
      for (auto& b : bs) for (auto& v : b) v = g(rng);
      std::vector<double> samples;
      for (int r = -1; r < reps; ++r) {
        double t0 = now();
        for (int i = 0; i < calls; ++i) impl.fn(false, false, m, n, k, a.data(), bs[i % 4].data(), c.data(), 0);
        double gf = flops * calls / (now() - t0) / 1e9;
        if (r >= 0) samples.push_back(gf);
      }
      std::sort(samples.begin(), samples.end());
      std::printf("%s {\"case\": \"gemm\", \"backend\": \"%s\", \"params\": {\"M\": %d, \"K\": %d, \"N\": %d, \"calls\": %d, \"b_operands\": 4}, "
                  "\"unit\": \"GFLOP/s\", \"median\": %.4f, \"min\": %.4f, \"max\": %.4f, \"n\": %d, \"max_abs_error\": %.3g}",
                  first ? "" : ",\n", impl.name, m, k, n, calls, samples[samples.size() / 2], samples.front(),
                  samples.back(), int(samples.size()), err);
      first = false;
    }
  }
  std::printf("\n]}\n");
}
