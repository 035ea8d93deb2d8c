// The packed GEMM driver with an AVX-512 FMA microkernel (compiled only when the target has AVX-512F,
// e.g. -march=native on a Zen 4/5 or a Xeon). Tile: MR rows x NR = 32 columns = 2 zmm per row; per k
// two B loads and MR broadcast-FMAs pairs, MR * 2 accumulators out of 32 registers.
#if defined(__AVX512F__)
#include <immintrin.h>

#include "gemm_blocked.h"
#include "gemm_kernels.h"

namespace nabla::detail {
namespace {

template <int Rows>
struct Avx512Tile {
  static constexpr int MR = Rows, NR = 32;
  static void run(int64_t kc, const float* pa, const float* pb, float* c, int64_t ldc, bool accumulate) {
    __m512 acc[MR][2];
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r) acc[r][0] = acc[r][1] = _mm512_setzero_ps();
    for (int64_t p = 0; p < kc; ++p, pa += MR, pb += NR) {
      const __m512 b0 = _mm512_loadu_ps(pb), b1 = _mm512_loadu_ps(pb + 16);
#pragma GCC unroll 16
      for (int r = 0; r < MR; ++r) {
        const __m512 a = _mm512_set1_ps(pa[r]);
        acc[r][0] = _mm512_fmadd_ps(a, b0, acc[r][0]);
        acc[r][1] = _mm512_fmadd_ps(a, b1, acc[r][1]);
      }
    }
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r) {
      float* row = c + r * ldc;
      if (accumulate) {
        acc[r][0] = _mm512_add_ps(acc[r][0], _mm512_loadu_ps(row));
        acc[r][1] = _mm512_add_ps(acc[r][1], _mm512_loadu_ps(row + 16));
      }
      _mm512_storeu_ps(row, acc[r][0]);
      _mm512_storeu_ps(row + 16, acc[r][1]);
    }
  }
};

}  // namespace

void gemm_avx512(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                 const float* b, float* c, float beta) {
  gemm_blocked<Avx512Tile<12>, 384, 96, 2048>(trans_a, trans_b, m, n, k, a, b, c, beta);
}

}  // namespace nabla::detail
#endif
