// Direct GEMM for small matrices: no packing, no cache blocking, register tiles straight over A, B and C.
// Shapes: C (m x n) = op(A) (m x k) . op(B) (k x n) [+ C]; R rows x NV vectors of W lanes per register tile.
//
// Why: the packed driver copies A and B into MR x NR panels and computes edge tiles into scratch, which
// for the 32 x 16 x 16 products of a tiny MLP costs as much as the product (a third of a training step
// in the profile). Here each R x (NV*W) tile of C loads one row of op(B) per k and broadcasts R values of
// op(A); the right edge loads and stores partially (masks), or reads a zero-padded copy of its columns of
// op(B) where partial loads are slow (WASM); row tails use a one-row tile. op(B) is read in place; only a
// transposed B (rows of op(B) strided) is first transposed into a k x n buffer, k*n moves against 2*m*n*k flops.
//
// The vector type V provides: W (lanes), pad_edge (no cheap partial loads: copy B's right edge padded),
// zero(), load(p), load_partial(p, count), broadcast(p), fma(a, b, acc) = a*b + acc, add(a, b), store(p, v),
// store_partial(p, v, count).
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

#include "gemm_parallel.h"

namespace nabla::detail {

/// Whether V has transpose4x4(src, lds, dst, ldd): dst[c * ldd + r] = src[r * lds + c] for r, c < 4.
template <typename V>
concept HasTranspose4x4 = requires(const float* s, float* d, int64_t ld) { V::transpose4x4(s, ld, d, ld); };

namespace small_gemm {

/// One R-row x NV-vector tile of C. Full: all NV*W columns lie inside C and B; else only `cols` of them,
/// and B is either a zero-padded copy (V::pad_edge) or read with partial loads.
template <typename V, int R, int NV, bool Full>
inline void tile(int64_t k, const float* a, int64_t a_row, int64_t a_col, const float* b, int64_t ldb,
                 float* c, int64_t ldc, int64_t cols, bool accumulate) {
  using Vec = typename V::Vec;
  constexpr int W = V::W;
  Vec acc[R][NV];
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r)
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) acc[r][v] = V::zero();
  int count[NV];  // columns of each vector inside C
#pragma GCC unroll 8
  for (int v = 0; v < NV; ++v) count[v] = Full ? W : static_cast<int>(std::clamp<int64_t>(cols - v * W, 0, W));
  for (int64_t p = 0; p < k; ++p, b += ldb, a += a_col) {
    Vec bv[NV];
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v)
      bv[v] = Full || V::pad_edge ? V::load(b + v * W) : V::load_partial(b + v * W, count[v]);
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
      const Vec av = V::broadcast(a + r * a_row);
#pragma GCC unroll 8
      for (int v = 0; v < NV; ++v) acc[r][v] = V::fma(av, bv[v], acc[r][v]);
    }
  }
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r)
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) {
      float* out = c + r * ldc + v * W;
      if (Full) {
        V::store(out, accumulate ? V::add(acc[r][v], V::load(out)) : acc[r][v]);
      } else if (count[v] > 0) {
        V::store_partial(out, accumulate ? V::add(acc[r][v], V::load_partial(out, count[v])) : acc[r][v], count[v]);
      }
    }
}

/// bt[p * n + j] = b[j * ldb + p] over rows [j0, j1) and columns [p0, p1) of b, in 16 x 16 blocks: a plain
/// loop writes one element per cache line and ran 3-6x slower than the product itself at 512^3.
inline void transpose_scalar(const float* b, int64_t ldb, int64_t n, float* bt, int64_t j0, int64_t j1,
                             int64_t p0, int64_t p1) {
  constexpr int64_t kBlock = 16;
  for (int64_t jb = j0; jb < j1; jb += kBlock)
    for (int64_t pb = p0; pb < p1; pb += kBlock) {
      const int64_t je = std::min(j1, jb + kBlock), pe = std::min(p1, pb + kBlock);
      for (int64_t p = pb; p < pe; ++p)
        for (int64_t j = jb; j < je; ++j) bt[p * n + j] = b[j * ldb + p];
    }
}

/// b (n x k, leading dimension ldb) transposed into bt (k x n); 4 x 4 blocks in registers where V has a
/// transpose4x4 (WASM: the x W^T of every linear forward, half its cost at 32x16x16 done element by element).
template <typename V>
void transpose(const float* b, int64_t ldb, int64_t n, int64_t k, float* bt) {
  int64_t n4 = 0, k4 = 0;
  if constexpr (HasTranspose4x4<V>) {
    n4 = n / 4 * 4, k4 = k / 4 * 4;
    for (int64_t j = 0; j < n4; j += 4)
      for (int64_t p = 0; p < k4; p += 4) V::transpose4x4(b + j * ldb + p, ldb, bt + p * n + j, n);
  }
  transpose_scalar(b, ldb, n, bt, 0, n4, k4, k);  // right of the 4 x 4 blocks
  transpose_scalar(b, ldb, n, bt, n4, n, 0, k);   // below them
}

/// All rows for one column block of NV*W columns (or fewer, at the right edge).
template <typename V, int R, int NV, bool Full>
inline void column_block(int64_t m, int64_t k, const float* a, int64_t a_row, int64_t a_col, const float* b,
                         int64_t ldb, float* c, int64_t ldc, int64_t cols, bool accumulate) {
  int64_t i = 0;
  for (; i + R <= m; i += R)
    tile<V, R, NV, Full>(k, a + i * a_row, a_row, a_col, b, ldb, c + i * ldc, ldc, cols, accumulate);
  if constexpr (R > 4)  // a tail of up to R - 1 rows: four at a time before going one by one
    for (; i + 4 <= m; i += 4)
      tile<V, 4, NV, Full>(k, a + i * a_row, a_row, a_col, b, ldb, c + i * ldc, ldc, cols, accumulate);
  for (; i < m; ++i)
    tile<V, 1, NV, Full>(k, a + i * a_row, a_row, a_col, b, ldb, c + i * ldc, ldc, cols, accumulate);
}

}  // namespace small_gemm

/// The direct path; correct for any size (the tests run it on every shape), fast only for small ones.
/// Operates on one block of a product (GemmArgs: strided operands), so that threads can share a product.
template <typename V, int R, int NV>
void gemm_small(const GemmArgs& g) {
  const int64_t m = g.m, n = g.n, k = g.k;
  if (k == 0) {
    if (g.beta == 0.0f)
      for (int64_t i = 0; i < m; ++i) std::fill(g.c + i * g.ldc, g.c + i * g.ldc + n, 0.0f);
    return;
  }
  // op(A)(i, p) = a[i * a_row + p * a_col]
  const int64_t a_row = g.trans_a ? 1 : g.lda, a_col = g.trans_a ? g.lda : 1;
  const float* bk = g.b;  // op(B) as k x n, row-major, leading dimension ldk
  int64_t ldk = g.ldb;
  if (g.trans_b) {
    thread_local std::vector<float> bt;
    bt.resize(static_cast<size_t>(k * n));
    small_gemm::transpose<V>(g.b, g.ldb, n, k, bt.data());
    bk = bt.data();
    ldk = n;
  }
  constexpr int64_t block = int64_t{NV} * V::W;
  const bool accumulate = g.beta != 0.0f;
  const float* a = g.a;
  float* c = g.c;
  int64_t j = 0;
  for (; j + block <= n; j += block)
    small_gemm::column_block<V, R, NV, true>(m, k, a, a_row, a_col, bk + j, ldk, c + j, g.ldc, block, accumulate);
  if (j == n) return;
  // Right edge. Without cheap masked loads (V::pad_edge), its columns of op(B) go into a zero-padded
  // k x block copy first, so that the k loop stays on full loads.
  const int64_t cols = n - j;
  const float* be = bk + j;
  int64_t lde = ldk;
  if constexpr (V::pad_edge) {
    thread_local std::vector<float> edge;
    edge.assign(static_cast<size_t>(k * block), 0.0f);
    for (int64_t p = 0; p < k; ++p) std::copy(bk + p * ldk + j, bk + p * ldk + n, edge.data() + p * block);
    be = edge.data();
    lde = block;
  }
  if (cols <= V::W)  // one vector wide: skip the empty vectors of the wider tile
    small_gemm::column_block<V, R, 1, false>(m, k, a, a_row, a_col, be, lde, c + j, g.ldc, cols, accumulate);
  else
    small_gemm::column_block<V, R, NV, false>(m, k, a, a_row, a_col, be, lde, c + j, g.ldc, cols, accumulate);
}

}  // namespace nabla::detail
