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

/// One shape of the 128-bit ceiling loop: N independent f32x4 chains of acc = acc * x + y (mul then
/// add, as in the kernel), N x 8 flops per iteration.
template <int N>
__attribute__((noinline)) static double mul_add_chains(long iters) {
  volatile float seed = 1.0000001f;
  const v128_t x = wasm_f32x4_splat(seed), y = wasm_f32x4_splat(seed - 1.0f);
  v128_t acc[N];
  for (int i = 0; i < N; ++i) acc[i] = wasm_f32x4_splat(seed * (i + 1));
  double t0 = now();
  for (long it = 0; it < iters; ++it) {
#pragma unroll
    for (int i = 0; i < N; ++i) acc[i] = wasm_f32x4_add(wasm_f32x4_mul(acc[i], x), y);
  }
  double dt = now() - t0;
  v128_t s = wasm_f32x4_splat(0);
  for (int i = 0; i < N; ++i) s = wasm_f32x4_add(s, acc[i]);
  if (wasm_f32x4_extract_lane(s, 0) == 12345.f) std::puts("");
  return iters * N * 8.0 / dt / 1e9;
}

/// The other shape: N mul chains (m = m * x) each feeding its own add chain (a = a + m), so the
/// multiplies and adds are independent streams as in a GEMM's c += a * b.
template <int N>
__attribute__((noinline)) static double split_mul_add_chains(long iters) {
  volatile float seed = 1.0000001f;
  const v128_t x = wasm_f32x4_splat(seed);
  v128_t m[N], a[N];
  for (int i = 0; i < N; ++i) m[i] = wasm_f32x4_splat(seed * (i + 1)), a[i] = wasm_f32x4_splat(0);
  double t0 = now();
  for (long it = 0; it < iters; ++it) {
#pragma unroll
    for (int i = 0; i < N; ++i) a[i] = wasm_f32x4_add(a[i], m[i]), m[i] = wasm_f32x4_mul(m[i], x);
  }
  double dt = now() - t0;
  v128_t s = wasm_f32x4_splat(0);
  for (int i = 0; i < N; ++i) s = wasm_f32x4_add(s, wasm_f32x4_add(a[i], m[i]));
  if (wasm_f32x4_extract_lane(s, 0) == 12345.f) std::puts("");
  return iters * N * 8.0 / dt / 1e9;
}

/// The 128-bit ceiling: the fastest of several loop shapes, best of many short runs each. Which
/// shape wins depends on the engine's register allocation (too many chains spill, too few leave
/// the latencies exposed), so a single shape can understate the ceiling. Short runs because V8 runs
/// a function's first calls in its baseline compiler (Liftoff) and has no on-stack replacement for
/// WASM, so one long call would measure the baseline code.
static double simd128_peak() {
  double best = 0;
  for (auto shape : {mul_add_chains<10>, mul_add_chains<12>, split_mul_add_chains<6>})
    for (int i = 0; i < 30; ++i) best = std::max(best, shape(2'000'000));
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
