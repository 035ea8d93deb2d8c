// GEMM with WebAssembly SIMD128 (compiled only with -msimd128): the direct path of gemm_small.h for small
// products, else the packed driver with gemm_blocked.h's VecTile over f32x4. Tile: MR = 4 rows x NR = 8
// columns = 8 f32x4 accumulators; per k: two B vectors and MR broadcast loads of A. Multiply then add: clang 14
// has relaxed SIMD only as its pre-standard f32x4.fma (opcode 0xfd 0xaf, not relaxed_madd's 0x105), which V8
// rejects as an invalid opcode, and wasm_simd128.h has no relaxed intrinsics. (MR = 6 measured 2x slower: with
// 12 accumulators V8's register allocator spills on x64's 16 xmm registers; the direct path's 4x12, 3x16 and
// 6x8 tiles measured 1.5-2x slower than 4x8 for the same reason, 2x16 the same as 4x8. Also slower, measured in
// Node with --no-liftoff on the bench shapes: XNNPACK's "x86-splat" A operand (one v128 load + 4 lane shuffles
// instead of 4 broadcast loads), 20-25%; unrolling the k loop 4x, 40%: both add register pressure.)
// Chromium 156's V8 (Turboshaft), the same binary, microkernel alone on L1-resident panels (kc = 256), best of
// 15, GFLOP/s, Chromium / Node 20: 4x8 55.5 / 55.8, 2x16 56.5 / 56, 5x8 56 / 44, 4x8 with k unrolled 2x 54 / 35,
// splat A 45.5 / 45.4, 6x8 30 / 36, against a 128-bit mul+add ceiling of 60 in both: no tile beats 4x8 in
// either engine, so none is picked at run time. The packed products of the MNIST MLP step all measured within
// noise of each other with 4x8, 2x16 and 5x8 in Chromium (main-thread CPU time, interleaved), as did MC 16-48.
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>

#include "gemm_blocked.h"
#include "gemm_kernels.h"
#include "gemm_small.h"

#ifndef NABLA_SIMD128_MR
#define NABLA_SIMD128_MR 4
#endif
#ifndef NABLA_SIMD128_SMALL_R  // the direct path's tile: R rows x NV f32x4 vectors
#define NABLA_SIMD128_SMALL_R 4
#endif
#ifndef NABLA_SIMD128_SMALL_NV
#define NABLA_SIMD128_SMALL_NV 2
#endif

namespace nabla::detail {
namespace {

/// f32x4 for the direct path and the packed tile (broadcast = load32_splat, a broadcast load
/// (vbroadcastss) that keeps the shuffle port free for FP work). WASM has no masked loads, but an edge of 1-3 columns loads and stores with
/// load32/64_zero and store32/64_lane (one or two instructions each); the zero-padded copy of B's edge
/// that a scalar partial load needed cost more than the product for the tiny MLP's n = 2 outputs.
struct Simd128Vec {
  using Vec = v128_t;
  static constexpr int W = 4;
  static constexpr bool pad_edge = false;
  static Vec zero() { return wasm_f32x4_splat(0); }
  static Vec load(const float* p) { return wasm_v128_load(p); }
  static Vec load_partial(const float* p, int count) {
    switch (count) {
      case 1: return wasm_v128_load32_zero(p);
      case 2: return wasm_v128_load64_zero(p);
      case 3: return wasm_f32x4_replace_lane(wasm_v128_load64_zero(p), 2, p[2]);
      default: return count >= 4 ? wasm_v128_load(p) : zero();
    }
  }
  static Vec broadcast(const float* p) { return wasm_v128_load32_splat(p); }
  static Vec fma(Vec a, Vec b, Vec acc) { return wasm_f32x4_add(acc, wasm_f32x4_mul(a, b)); }
  static Vec add(Vec a, Vec b) { return wasm_f32x4_add(a, b); }
  static void store(float* p, Vec v) { wasm_v128_store(p, v); }
  // dst[c * ldd + r] = src[r * lds + c] for r, c < 4: four loads, eight shuffles, four stores.
  static void transpose4x4(const float* src, int64_t lds, float* dst, int64_t ldd) {
    const Vec r0 = load(src), r1 = load(src + lds), r2 = load(src + 2 * lds), r3 = load(src + 3 * lds);
    const Vec lo01 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), lo23 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);
    const Vec hi01 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7), hi23 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
    store(dst, wasm_i32x4_shuffle(lo01, lo23, 0, 1, 4, 5));
    store(dst + ldd, wasm_i32x4_shuffle(lo01, lo23, 2, 3, 6, 7));
    store(dst + 2 * ldd, wasm_i32x4_shuffle(hi01, hi23, 0, 1, 4, 5));
    store(dst + 3 * ldd, wasm_i32x4_shuffle(hi01, hi23, 2, 3, 6, 7));
  }
  static void store_partial(float* p, Vec v, int count) {
    switch (count) {
      case 1: wasm_v128_store32_lane(p, v, 0); break;
      case 2: wasm_v128_store64_lane(p, v, 0); break;
      case 3: wasm_v128_store64_lane(p, v, 0), wasm_v128_store32_lane(p + 2, v, 2); break;
      default: if (count >= 4) wasm_v128_store(p, v);
    }
  }
};

/// At most this many multiply-adds (m*n*k) take the direct path (0: never; -D to measure other values).
/// Measured in Node 20 (best of 7, load 8-12), direct vs packed: 1.4-4.5x faster on the tiny MLP's
/// products, 1.1-1.25x at 32^3-64^3, about equal (0.93-1.08x) from 128^3 up. Whatever the size, n <= 32
/// columns go direct too: 1.2-3x measured with --no-liftoff (40000x16x2, 40000x2x16, 512x16x512,
/// 4096x16x256, 1000x8x1000, 256x32x256), except 40000x16x16 with B transposed (equal).
#ifndef NABLA_GEMM_SMALL_MAX
#define NABLA_GEMM_SMALL_MAX (64 * 64 * 64)
#endif
bool use_small_gemm(int64_t m, int64_t n, int64_t k) { return m * n * k <= NABLA_GEMM_SMALL_MAX || n <= 32; }

}  // namespace

void gemm_simd128_run(GemmPath path, const GemmArgs& g) {
  own_gemm<Simd128Vec, NABLA_SIMD128_SMALL_R, NABLA_SIMD128_SMALL_NV, VecTile<Simd128Vec, NABLA_SIMD128_MR, 2>, 256,
           NABLA_SIMD128_MR * 18>(path, use_small_gemm(g.m, g.n, g.k), g);
}

}  // namespace nabla::detail
#endif
