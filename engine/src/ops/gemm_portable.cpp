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

}  // namespace

// Same size rule as the SIMD128 kernel, which this one stands in for in WASM builds without SIMD.
void gemm_portable_run(GemmPath path, const GemmArgs& g) {
  own_gemm<PortableVec, 4, 2, VecTile<PortableVec, 4, 2>, 256, 72>(path, g.m * g.n * g.k <= 32 * 32 * 32, g);
}

}  // namespace nabla::detail
