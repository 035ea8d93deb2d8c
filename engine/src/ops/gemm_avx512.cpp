// GEMM with AVX-512 FMA (compiled only when the target has AVX-512F, e.g. -march=native on a Zen 4/5 or a
// Xeon): the direct path of gemm_small.h for small products, else the packed driver with gemm_blocked.h's
// VecTile over zmm registers, MR x 32 (2 zmm per row; per k two B loads and MR broadcast-FMA pairs, MR * 2
// accumulators out of 32 registers). This file only supplies the vector operations and the sizes.
#if defined(__AVX512F__)
#include <immintrin.h>

#include "gemm_blocked.h"
#include "gemm_kernels.h"
#include "gemm_small.h"

// The packed tile's rows. 8 (16 accumulators) measured over 12 (24) on a shared Zen EPYC, best of 9 runs:
// 64x784x256 170 vs 150-158 GFLOP/s, 64x256x128 170 vs 150 (M = 64 is 8 full tiles, with 12 a 4-row
// edge tile), 256^3 197 vs 183-193; 6, 10 and 14 in between or below. -D to measure others.
#ifndef NABLA_AVX512_MR
#define NABLA_AVX512_MR 8
#endif
// The direct path's tile: R rows x 2 zmm. 8 rows load 2 B vectors and broadcast 8 A values per 16 FMAs;
// 4 rows measured 2-3x slower from 64x256x128 up (load-bound: 6 loads per 8 FMAs), and only the products
// of a tiny MLP (32x16x16 and smaller) ran faster with 4 (by 0.05 us or less a call).
#ifndef NABLA_AVX512_SMALL_R
#define NABLA_AVX512_SMALL_R 8
#endif

namespace nabla::detail {
namespace {

/// 16 lanes for the direct path and the packed tile; column tails through AVX-512 masks (masked-off lanes are never touched).
struct Avx512Vec {
  using Vec = __m512;
  static constexpr int W = 16;
  static constexpr bool pad_edge = false;
  static __mmask16 mask(int count) { return static_cast<__mmask16>((1u << count) - 1); }
  static Vec zero() { return _mm512_setzero_ps(); }
  static Vec load(const float* p) { return _mm512_loadu_ps(p); }
  static Vec load_partial(const float* p, int count) { return _mm512_maskz_loadu_ps(mask(count), p); }
  static Vec broadcast(const float* p) { return _mm512_set1_ps(*p); }
  static Vec fma(Vec a, Vec b, Vec acc) { return _mm512_fmadd_ps(a, b, acc); }
  static Vec add(Vec a, Vec b) { return _mm512_add_ps(a, b); }
  static void store(float* p, Vec v) { _mm512_storeu_ps(p, v); }
  static void store_partial(float* p, Vec v, int count) { _mm512_mask_storeu_ps(p, mask(count), v); }
};

/// At most this many multiply-adds (m*n*k) take the direct path (0: never; -D to measure other values).
/// Measured on a Zen 5 EPYC, best of 5, direct (8 x 32 tile) vs packed, GFLOP/s: 64x784x256 216 vs 176,
/// 64x256x128 225 vs 174, 256^3 217 vs 198, 512^3 205 vs 203 (also transposed: 201 vs 199, 191 vs 178),
/// 37x300x75 140 vs 104, the tiny MLP's products 2-4x; past 512^3 packing pays (1024^3 125 vs 196,
/// 2048^3 73 vs 189: A and B no longer stay in L2). Whatever the size, n <= 16 columns (one zmm) go
/// direct too: the packed tile is 32 wide, so half of it or more would be padding (2048x200x16 165 vs 62).
#ifndef NABLA_GEMM_SMALL_MAX
#define NABLA_GEMM_SMALL_MAX (int64_t{512} * 512 * 512)
#endif
bool use_small_gemm(int64_t m, int64_t n, int64_t k) { return m * n * k <= NABLA_GEMM_SMALL_MAX || n <= 16; }

}  // namespace

void gemm_avx512_run(GemmPath path, const GemmArgs& g) {
  own_gemm<Avx512Vec, NABLA_AVX512_SMALL_R, 2, VecTile<Avx512Vec, NABLA_AVX512_MR, 2>, 384, NABLA_AVX512_MR * 8>(
      path, use_small_gemm(g.m, g.n, g.k), g);
}

}  // namespace nabla::detail
#endif
