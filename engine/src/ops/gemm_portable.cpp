// GEMM in plain C++: the fallback without SIMD intrinsics, and the way the native tests cover the packed
// driver's packing and edges, and the direct path's 4-lane tails (as in WASM SIMD128), on any machine.
#include "gemm_blocked.h"
#include "gemm_kernels.h"
#include "gemm_small.h"

namespace nabla::detail {
namespace {

/// 4 lanes in an array, the shape of a SIMD128 register, for the direct path and the packed tile.
struct PortableVec {
  struct Vec {
    float x[4];
  };
  static constexpr int W = 4;
  static constexpr bool pad_edge = true;
  static Vec zero() { return {}; }
  static Vec load(const float* p) { return {{p[0], p[1], p[2], p[3]}}; }
  static Vec load_partial(const float* p, int count) {
    Vec v{};
    for (int i = 0; i < count; ++i) v.x[i] = p[i];
    return v;
  }
  static Vec broadcast(const float* p) { return {{*p, *p, *p, *p}}; }
  static Vec fma(Vec a, Vec b, Vec acc) {
    for (int i = 0; i < 4; ++i) acc.x[i] += a.x[i] * b.x[i];
    return acc;
  }
  static Vec add(Vec a, Vec b) {
    for (int i = 0; i < 4; ++i) a.x[i] += b.x[i];
    return a;
  }
  static void store(float* p, Vec v) { store_partial(p, v, 4); }
  static void store_partial(float* p, Vec v, int count) {
    for (int i = 0; i < count; ++i) p[i] = v.x[i];
  }
};

using PortableTile = VecTile<PortableVec, 4, 2>;

}  // namespace

void gemm_portable_small(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                         const float* b, float* c, float beta) {
  parallel_gemm(GemmArgs::dense(trans_a, trans_b, m, n, k, a, b, c, beta), 4, 8, gemm_small<PortableVec, 4, 2>);
}

void gemm_portable_packed(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                          const float* b, float* c, float beta) {
  parallel_gemm(GemmArgs::dense(trans_a, trans_b, m, n, k, a, b, c, beta), PortableTile::MR, PortableTile::NR,
                gemm_blocked<PortableTile>);
}

// Same size rule as the SIMD128 kernel, which this one stands in for in WASM builds without SIMD.
void gemm_portable(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                   const float* b, float* c, float beta) {
  if (m * n * k <= 32 * 32 * 32)
    gemm_portable_small(trans_a, trans_b, m, n, k, a, b, c, beta);
  else
    gemm_portable_packed(trans_a, trans_b, m, n, k, a, b, c, beta);
}

}  // namespace nabla::detail
