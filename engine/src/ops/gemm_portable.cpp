// The packed GEMM driver with a plain C++ microkernel: the fallback without SIMD intrinsics, and the
// way the native tests cover the driver's packing and edge handling on any machine.
#include "gemm_blocked.h"
#include "gemm_kernels.h"

namespace nabla::detail {
namespace {

struct PortableKernel {
  static constexpr int MR = 4, NR = 8;
  static void run(int64_t kc, const float* pa, const float* pb, float* c, int64_t ldc, bool accumulate) {
    float acc[MR][NR] = {};
    for (int64_t p = 0; p < kc; ++p, pa += MR, pb += NR)
      for (int r = 0; r < MR; ++r)
        for (int j = 0; j < NR; ++j) acc[r][j] += pa[r] * pb[j];
    for (int r = 0; r < MR; ++r)
      for (int j = 0; j < NR; ++j) c[r * ldc + j] = accumulate ? c[r * ldc + j] + acc[r][j] : acc[r][j];
  }
};

}  // namespace

void gemm_portable(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                   const float* b, float* c, float beta) {
  gemm_blocked<PortableKernel>(trans_a, trans_b, m, n, k, a, b, c, beta);
}

}  // namespace nabla::detail
