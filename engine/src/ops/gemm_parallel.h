// One product shared among the engine's threads: C is cut into blocks of whole rows or whole columns (never
// along k), and each block is computed by the same single-threaded kernel over strided views of A, B and C.
// Every element of C thus keeps its one sum in its one order: the result is the same bit for bit for any
// thread count, provided the caller picks the kernel path (direct or packed) from the whole product's size,
// not from each block's.
// Shapes: C (m x n) = op(A) (m x k) . op(B) (k x n) [+ C]; lda/ldb/ldc = the stored row lengths.
#pragma once
#include <algorithm>
#include <cstdint>

#include "nabla/parallel/threads.h"

namespace nabla::detail {

/// A product, or one block of it, over strided row-major operands (gemm.h's contract plus leading dims).
struct GemmArgs {
  bool trans_a, trans_b;
  int64_t m, n, k;
  const float* a;
  int64_t lda;
  const float* b;
  int64_t ldb;
  float* c;
  int64_t ldc;
  float beta;

  /// The whole, contiguous product of gemm.h.
  static GemmArgs dense(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                        const float* b, float* c, float beta) {
    return {trans_a, trans_b, m, n, k, a, trans_a ? m : k, b, trans_b ? k : n, c, n, beta};
  }
  /// Rows [i0, i1) of C: rows of op(A).
  GemmArgs rows(int64_t i0, int64_t i1) const {
    GemmArgs g = *this;
    g.m = i1 - i0;
    g.a = trans_a ? a + i0 : a + i0 * lda;
    g.c = c + i0 * ldc;
    return g;
  }
  /// Columns [j0, j1) of C: columns of op(B).
  GemmArgs cols(int64_t j0, int64_t j1) const {
    GemmArgs g = *this;
    g.n = j1 - j0;
    g.b = trans_b ? b + j0 * ldb : b + j0;
    g.c = c + j0;
    return g;
  }
};

/// Multiply-adds (m*n*k) a thread must get before a product is split: below it, waking a worker costs more
/// than it saves. NOTE: measured on the 2-core Zen 5 machine of this repo's benchmarks (`nabla bench`, best of
/// rounds): 2 threads paid from about 64x256x128 up. -D to measure others.
#ifndef NABLA_GEMM_MIN_WORK_PER_THREAD
#define NABLA_GEMM_MIN_WORK_PER_THREAD (int64_t{1} << 20)
#endif

/// Runs kernel(block) over blocks of g: whole tile_m-row or tile_n-column strips (the register tile's edge,
/// so that no split adds edge tiles), along whichever dimension has more of them.
template <typename Kernel>
void parallel_gemm(const GemmArgs& g, int64_t tile_m, int64_t tile_n, Kernel kernel) {
  const int64_t work = g.m * g.n * g.k;
  const int threads = get_num_threads();
  if (threads == 1 || work < 2 * NABLA_GEMM_MIN_WORK_PER_THREAD) {
    kernel(g);
    return;
  }
  const int64_t tiles_m = (g.m + tile_m - 1) / tile_m, tiles_n = (g.n + tile_n - 1) / tile_n;
  const bool by_cols = tiles_n >= tiles_m;
  const int64_t tiles = by_cols ? tiles_n : tiles_m;
  const int64_t work_per_tile = work / tiles;
  const int64_t grain = std::max<int64_t>(1, (NABLA_GEMM_MIN_WORK_PER_THREAD + work_per_tile - 1) / work_per_tile);
  parallel_for(0, tiles, grain, [&](int64_t t0, int64_t t1) {
    if (by_cols)
      kernel(g.cols(t0 * tile_n, std::min(g.n, t1 * tile_n)));
    else
      kernel(g.rows(t0 * tile_m, std::min(g.m, t1 * tile_m)));
  });
}

}  // namespace nabla::detail
