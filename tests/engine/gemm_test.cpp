// GEMM kernels against a naive triple loop: every kernel compiled in, each own kernel's direct (small) and
// packed paths forced on every shape as well as its size dispatch, all four transpose combinations, beta 0
// and 1, sizes that are not multiples of any register tile or vector width, and shapes crossing the cache blocks.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "../../engine/src/ops/gemm_kernels.h"
#include "nabla/ops/gemm.h"

namespace nabla {
namespace {

using GemmFn = void (*)(bool, bool, int64_t, int64_t, int64_t, const float*, const float*, float*, float);

struct Kernel {
  const char* name;
  GemmFn fn;
};

std::vector<Kernel> kernels() {
  std::vector<Kernel> out = {{"gemm", &gemm},
                             {"eigen", &detail::gemm_eigen},
                             {"portable", &detail::gemm_portable},
                             {"portable_small", &detail::gemm_portable_small},
                             {"portable_packed", &detail::gemm_portable_packed}};
#if defined(__AVX512F__)
  out.push_back({"avx512", &detail::gemm_avx512});
  out.push_back({"avx512_small", &detail::gemm_avx512_small});
  out.push_back({"avx512_packed", &detail::gemm_avx512_packed});
#endif
  return out;
}

// C = op(A) op(B) + beta C in double, A stored k x m when trans_a, B stored n x k when trans_b.
std::vector<float> naive(bool ta, bool tb, int m, int n, int k, const std::vector<float>& a,
                         const std::vector<float>& b, std::vector<float> c, float beta) {
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      double s = beta != 0.0f ? c[i * n + j] : 0.0;
      for (int p = 0; p < k; ++p) s += double(ta ? a[p * m + i] : a[i * k + p]) * double(tb ? b[j * k + p] : b[p * n + j]);
      c[i * n + j] = float(s);
    }
  return c;
}

// Runs every kernel on one (m, n, k) for all transpose flags and both betas; returns failures as text.
void check_shape(int m, int n, int k, std::mt19937& rng) {
  std::uniform_real_distribution<float> u(-1, 1);
  std::vector<float> a(size_t(m) * k), b(size_t(k) * n), c0(size_t(m) * n);
  for (auto& v : a) v = u(rng);
  for (auto& v : b) v = u(rng);
  for (auto& v : c0) v = u(rng);
  for (int flags = 0; flags < 8; ++flags) {
    const bool ta = flags & 1, tb = flags & 2;
    const float beta = (flags & 4) ? 1.0f : 0.0f;
    const std::vector<float> want = naive(ta, tb, m, n, k, a, b, c0, beta);
    for (const Kernel& kernel : kernels()) {
      std::vector<float> c = c0;
      if (beta == 0.0f) c.assign(c.size(), std::numeric_limits<float>::quiet_NaN());  // must be overwritten
      kernel.fn(ta, tb, m, n, k, a.data(), b.data(), c.data(), beta);
      const double tol = 1e-5 * (k + 1);
      for (size_t i = 0; i < c.size(); ++i) {
        if (!(std::fabs(c[i] - want[i]) <= tol)) {
          ADD_FAILURE() << kernel.name << " m=" << m << " n=" << n << " k=" << k << " trans_a=" << ta
                        << " trans_b=" << tb << " beta=" << beta << ": C[" << i << "] = " << c[i] << ", expected "
                        << want[i];
          return;
        }
      }
    }
  }
}

TEST(Gemm, AllKernelsMatchNaiveLoopOnOddSizesAndAllTransposes) {
  std::mt19937 rng(7);
  for (int m : {1, 3, 5, 8, 13, 17, 33, 67})
    for (int n : {1, 4, 7, 9, 16, 31, 33, 67})
      for (int k : {1, 2, 7, 16, 67}) check_shape(m, n, k, rng);
}

TEST(Gemm, AllKernelsMatchNaiveLoopOnTinyMlpShapes) {
  // The products of a 2-16-16-2 MLP on a batch of 32, forward and backward: where the direct path is chosen.
  std::mt19937 rng(9);
  for (auto [m, n, k] : {std::array{32, 16, 2}, {32, 16, 16}, {32, 2, 16}, {16, 2, 32}, {2, 16, 32}, {16, 16, 32},
                         {32, 2, 16}, {64, 256, 128}})
    check_shape(m, n, k, rng);
}

TEST(Gemm, AllKernelsMatchNaiveLoopAcrossCacheBlocks) {
  // k beyond every KC (depth blocks accumulate), m beyond every MC, n beyond NC (2048).
  std::mt19937 rng(8);
  check_shape(5, 9, 777, rng);
  check_shape(203, 37, 19, rng);
  check_shape(3, 2100, 5, rng);
  check_shape(700, 7, 71, rng);  // past 64^3 multiply-adds but narrow: the dispatch still picks the direct path
}

TEST(Gemm, ZeroDepthOverwritesWithZerosOrKeepsC) {
  for (const Kernel& kernel : kernels()) {
    std::vector<float> c = {1, 2, 3, 4, 5, 6};
    kernel.fn(false, false, 2, 3, 0, nullptr, nullptr, c.data(), 1.0f);
    EXPECT_EQ(c, (std::vector<float>{1, 2, 3, 4, 5, 6})) << kernel.name;
    kernel.fn(false, false, 2, 3, 0, nullptr, nullptr, c.data(), 0.0f);
    EXPECT_EQ(c, std::vector<float>(6, 0.0f)) << kernel.name;
  }
}

}  // namespace
}  // namespace nabla
