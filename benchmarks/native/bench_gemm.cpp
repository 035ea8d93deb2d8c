// GEMM throughput of every kernel compiled in, against the single-core FMA peak measured here.
// Shapes: C (M x N) = A (M x K) . B (K x N), four right-hand operands in rotation (fresh B per call, as
// in training, where the weights change after every step).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "../../engine/src/ops/gemm_kernels.h"
#include "bench_util.h"
#include "nabla/ops/gemm.h"

#if defined(__AVX512F__) || defined(__AVX2__)
#include <immintrin.h>
#endif

namespace nabla::bench {
namespace {

using GemmFn = void (*)(bool, bool, int64_t, int64_t, int64_t, const float*, const float*, float*, float);

// 16 independent FMA chains: more than latency (4) x pipes (2) so the FMA units never wait.
// One set of vector helpers, named through NB_MM(op) for the widest ISA this build has.
#if defined(__AVX512F__)
using Vec = __m512;
constexpr int kLanes = 16;
constexpr const char* kIsa = "avx512 fma";
#define NB_MM(op) _mm512_##op
#elif defined(__AVX2__) && defined(__FMA__)
using Vec = __m256;
constexpr int kLanes = 8;
constexpr const char* kIsa = "avx2 fma";
#define NB_MM(op) _mm256_##op
#endif
#ifdef NB_MM
inline Vec vset(float x) { return NB_MM(set1_ps)(x); }
inline Vec vfma(Vec a, Vec b, Vec c) { return NB_MM(fmadd_ps)(a, b, c); }
inline float vfirst(Vec a) { return NB_MM(cvtss_f32)(a); }
#undef NB_MM
#endif

__attribute__((noinline)) double fma_peak_once(long iters, float seed) {
#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
  const Vec x = vset(seed), y = vset(seed - 1.0f);
  Vec a[16];
  for (int i = 0; i < 16; ++i) a[i] = vset(seed * float(i + 1));
  const double t0 = now_seconds();
  for (long it = 0; it < iters; ++it) {
#pragma GCC unroll 16
    for (int i = 0; i < 16; ++i) a[i] = vfma(a[i], x, y);
  }
  const double dt = now_seconds() - t0;
  float sink = 0;
  for (int i = 0; i < 16; ++i) sink += vfirst(a[i]);
  if (sink == 12345.0f) std::puts("");
  return iters * 16.0 * kLanes * 2 / dt / 1e9;
#else
  return 0;
#endif
}

}  // namespace

double fma_peak_gflops(std::string* isa) {
#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
  if (isa) *isa = kIsa;
  // Best of many short runs: on a shared machine the maximum is the closest to an uncontended core.
  double best = 0;
  for (int i = 0; i < 30; ++i) best = std::max(best, fma_peak_once(1'000'000, 1.0000001f));
  return best;
#else
  if (isa) *isa = "none (no AVX2/FMA at compile time)";
  return 0;
#endif
}

std::vector<Row> bench_gemm(const Config& cfg) {
  struct Impl {
    const char* name;
    GemmFn fn;
  };
  std::vector<Impl> impls = {{"nabla::gemm", &nabla::gemm}, {"eigen", &detail::gemm_eigen}};
#if defined(__AVX512F__)
  impls.push_back({"own-avx512", &detail::gemm_avx512});
#endif
  impls.push_back({"own-portable", &detail::gemm_portable});
  std::string isa;
  const double peak = fma_peak_gflops(&isa);
  const int shapes[4][3] = {{64, 784, 256}, {64, 256, 128}, {256, 256, 256}, {512, 512, 512}};
  std::vector<Row> rows;
  for (const auto& s : shapes) {
    const int m = s[0], k = s[1], n = s[2];
    const double flops = 2.0 * m * k * n;
    const int calls = cfg.smoke ? 1 : std::max(8, int(std::lround(1e9 / flops)));
    std::mt19937 rng(0);
    std::normal_distribution<float> g;
    std::vector<float> a(size_t(m) * k), c(size_t(m) * n);
    std::vector<std::vector<float>> bs(4, std::vector<float>(size_t(k) * n));
    for (auto& v : a) v = g(rng);
    for (auto& b : bs)
      for (auto& v : b) v = g(rng);
    // Kernels interleaved per repetition, so that a burst of load from other processes hits all alike.
    std::vector<std::vector<double>> samples(impls.size());
    for (int r = -cfg.warmup; r < cfg.reps; ++r) {
      for (size_t i = 0; i < impls.size(); ++i) {
        // One untimed call first: right after the scalar portable kernel, the first milliseconds of
        // AVX-512 code ran slower (nabla::gemm, timed next, measured 175 against 205 GFLOP/s for the
        // same kernel timed later in the rotation).
        impls[i].fn(false, false, m, n, k, a.data(), bs[0].data(), c.data(), 0);
        const double t0 = now_seconds();
        for (int j = 0; j < calls; ++j) impls[i].fn(false, false, m, n, k, a.data(), bs[j % 4].data(), c.data(), 0);
        const double gf = flops * calls / (now_seconds() - t0) / 1e9;
        if (r >= 0) samples[i].push_back(gf);
      }
    }
    for (size_t i = 0; i < impls.size(); ++i) {
      Row row;
      row.name = "gemm";
      row.backend = impls[i].name;
      char buf[200];
      std::snprintf(buf, sizeof buf, "\"M\": %d, \"K\": %d, \"N\": %d, \"calls\": %d, \"b_operands\": 4", m, k, n,
                    calls);
      row.params = buf;
      row.unit = "GFLOP/s";
      std::snprintf(buf, sizeof buf, "\"peak_gflops\": %.2f, \"peak_isa\": \"%s\"", peak, isa.c_str());
      row.extra = buf;
      row.samples = samples[i];
      rows.push_back(row);
    }
  }
  return rows;
}

}  // namespace nabla::bench
