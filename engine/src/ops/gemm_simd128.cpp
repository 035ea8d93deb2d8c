// The packed GEMM driver with a WebAssembly SIMD128 microkernel (compiled only with -msimd128).
// Tile: MR = 4 rows x NR = 8 columns = 8 f32x4 accumulators; per k: two B vectors and MR broadcast loads
// of A. Emscripten 3.1.6 has no relaxed-simd FMA, so multiply then add. (MR = 6 measured 2x slower: with
// 12 accumulators V8's register allocator spills on x64's 16 xmm registers.)
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>

#include "gemm_blocked.h"
#include "gemm_kernels.h"

#ifndef NABLA_SIMD128_MR
#define NABLA_SIMD128_MR 4
#endif

namespace nabla::detail {
namespace {

template <int Rows>
struct Simd128Tile {
  static constexpr int MR = Rows, NR = 8;
  static void run(int64_t kc, const float* pa, const float* pb, float* c, int64_t ldc, bool accumulate) {
    v128_t acc[MR][2];
#pragma clang loop unroll(full)
    for (int r = 0; r < MR; ++r) acc[r][0] = acc[r][1] = wasm_f32x4_splat(0);
    for (int64_t p = 0; p < kc; ++p, pa += MR, pb += NR) {
      const v128_t b0 = wasm_v128_load(pb), b1 = wasm_v128_load(pb + 4);
#pragma clang loop unroll(full)
      for (int r = 0; r < MR; ++r) {
        // load32_splat is a broadcast load (vbroadcastss): it keeps the shuffle port free for FP work.
        const v128_t a = wasm_v128_load32_splat(pa + r);
        acc[r][0] = wasm_f32x4_add(acc[r][0], wasm_f32x4_mul(a, b0));
        acc[r][1] = wasm_f32x4_add(acc[r][1], wasm_f32x4_mul(a, b1));
      }
    }
#pragma clang loop unroll(full)
    for (int r = 0; r < MR; ++r) {
      float* row = c + r * ldc;
      if (accumulate) {
        acc[r][0] = wasm_f32x4_add(acc[r][0], wasm_v128_load(row));
        acc[r][1] = wasm_f32x4_add(acc[r][1], wasm_v128_load(row + 4));
      }
      wasm_v128_store(row, acc[r][0]);
      wasm_v128_store(row + 4, acc[r][1]);
    }
  }
};

}  // namespace

void gemm_simd128(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                  const float* b, float* c, float beta) {
  gemm_blocked<Simd128Tile<NABLA_SIMD128_MR>, 256, NABLA_SIMD128_MR * 18>(trans_a, trans_b, m, n, k, a, b, c, beta);
}

}  // namespace nabla::detail
#endif
