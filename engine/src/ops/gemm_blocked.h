// Cache-blocked, packed GEMM (the BLIS loop nest) over a register-tile microkernel (VecTile over an ISA's
// vector operations, or any type with MR, NR and run()).
// Shapes: C (m x n) += op(A) (m x k) . op(B) (k x n); MR x NR = register tile, KC/MC/NC = cache blocks.
//
// Loop order, outermost first: jc (NC columns of B: the packed B block stays in L2/L3), pc (KC depth:
// pack that B slab), ic (MC rows of A: packed A block stays in L2), jr (NR-column micro-panel of B,
// in L1), ir (MR-row micro-panel of A). The microkernel streams both micro-panels through registers.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "gemm_kernels.h"
#include "gemm_parallel.h"
#include "gemm_small.h"

namespace nabla::detail {

/// Packs op(A)[i0:i0+mc, p0:p0+kc] into MR-row panels, each stored k-major (MR floats per k), zero-padded
/// past the last row so that the microkernel never branches on the edge. V: the tile's vector type.
template <int MR, typename V>
void pack_a(bool trans, const float* a, int64_t lda, int64_t i0, int64_t mc, int64_t p0, int64_t kc,
            float* out) {
  for (int64_t ir = 0; ir < mc; ir += MR) {
    const int64_t rows = std::min<int64_t>(MR, mc - ir);
    if (trans && rows == MR) {  // a weight gradient's dy^T . x: MR contiguous floats per row of the stored A
      for (int64_t p = 0; p < kc; ++p, out += MR) std::memcpy(out, a + (p0 + p) * lda + i0 + ir, MR * 4);
      continue;
    }
    if constexpr (HasTranspose4x4<V>) {  // rows of A run along k: 4 x 4 register transposes (see pack_b)
      if (!trans && rows == MR) {
        small_gemm::transpose<V>(a + (i0 + ir) * lda + p0, lda, MR, kc, out);
        out += kc * MR;
        continue;
      }
    }
    for (int64_t p = 0; p < kc; ++p) {
      for (int r = 0; r < MR; ++r) {
        const int64_t i = i0 + ir + r, q = p0 + p;
        out[r] = r < rows ? (trans ? a[q * lda + i] : a[i * lda + q]) : 0.0f;
      }
      out += MR;
    }
  }
}

/// Packs op(B)[p0:p0+kc, j0:j0+nc] into NR-column panels, each stored k-major (NR floats per k).
template <int NR, typename V>
void pack_b(bool trans, const float* b, int64_t ldb, int64_t p0, int64_t kc, int64_t j0, int64_t nc,
            float* out) {
  for (int64_t jr = 0; jr < nc; jr += NR) {
    const int64_t cols = std::min<int64_t>(NR, nc - jr);
    if (!trans && cols == NR) {  // the common case: NR contiguous floats per row of B
      for (int64_t p = 0; p < kc; ++p, out += NR) std::memcpy(out, b + (p0 + p) * ldb + j0 + jr, NR * 4);
      continue;
    }
    // A linear layer's x . W^T: NR rows of W, each contiguous along k, go in by V's 4 x 4 register transposes.
    // Element by element (below), every load read another row: 7% of a Chromium MNIST MLP step.
    if constexpr (HasTranspose4x4<V>) {
      if (trans && cols == NR) {
        small_gemm::transpose<V>(b + (j0 + jr) * ldb + p0, ldb, NR, kc, out);
        out += kc * NR;
        continue;
      }
    }
    for (int64_t p = 0; p < kc; ++p) {
      for (int c = 0; c < NR; ++c) {
        const int64_t j = j0 + jr + c, q = p0 + p;
        out[c] = c < cols ? (trans ? b[j * ldb + q] : b[q * ldb + j]) : 0.0f;
      }
      out += NR;
    }
  }
}

/// The packed microkernel over a vector type V (gemm_small.h's vector operations): the direct path's register
/// tile, MR rows x NV vectors (NR = NV * W columns), run over the packed panels: A k-major with MR floats per k
/// (row stride 1, k stride MR), B k-major with NR floats per k. Every instruction set instantiates this one.
template <typename V, int Rows, int NV>
struct VecTile {
  using Ops = V;  // the vector type, for the packing's transposes
  static constexpr int MR = Rows, NR = NV * V::W;
  static void run(int64_t kc, const float* pa, const float* pb, float* c, int64_t ldc, bool accumulate) {
    small_gemm::tile<V, MR, NV, true>(kc, pa, 1, MR, pb, NR, c, ldc, NR, accumulate);
  }
};

/// The blocked driver, over one block of a product (GemmArgs: strided operands). Kernel provides MR, NR, Ops
/// (its vector type) and run(kc, packed_a, packed_b, c, ldc, accumulate): C tile (MR x NR) = [C +] A panel . B panel.
/// NOTE: each element of C is the same sum in the same order (KC slabs of k, each from zero, added to C in
/// turn) wherever its block starts: KC depends on k alone, so splitting C among threads changes no bit.
template <typename Kernel, int64_t KC = 256, int64_t MC = 72, int64_t NC = 2048>
void gemm_blocked(const GemmArgs& g) {
  constexpr int MR = Kernel::MR, NR = Kernel::NR;
  static_assert(MC % MR == 0);
  const int64_t m = g.m, n = g.n, k = g.k, ldc = g.ldc;
  if (k == 0) {
    if (g.beta == 0.0f)
      for (int64_t i = 0; i < m; ++i) std::fill(g.c + i * ldc, g.c + i * ldc + n, 0.0f);
    return;
  }
  // Reused across calls: a training step calls gemm thousands of times, allocation would show.
  thread_local std::vector<float> buf_a, buf_b;
  const int64_t nc_max = std::min<int64_t>(NC, (n + NR - 1) / NR * NR);
  const int64_t kc_max = std::min(KC, k);
  buf_b.resize(static_cast<size_t>(kc_max * nc_max));
  buf_a.resize(static_cast<size_t>(kc_max * std::min<int64_t>(MC, (m + MR - 1) / MR * MR)));
  alignas(64) float edge[MR * NR];

  for (int64_t jc = 0; jc < n; jc += NC) {
    const int64_t nc = std::min(NC, n - jc);
    for (int64_t pc = 0; pc < k; pc += KC) {
      const int64_t kc = std::min(KC, k - pc);
      const bool accumulate = pc > 0 || g.beta != 0.0f;
      pack_b<NR, typename Kernel::Ops>(g.trans_b, g.b, g.ldb, pc, kc, jc, nc, buf_b.data());
      for (int64_t ic = 0; ic < m; ic += MC) {
        const int64_t mc = std::min(MC, m - ic);
        pack_a<MR, typename Kernel::Ops>(g.trans_a, g.a, g.lda, ic, mc, pc, kc, buf_a.data());
        for (int64_t jr = 0; jr < nc; jr += NR) {
          const int64_t cols = std::min<int64_t>(NR, nc - jr);
          const float* pb = buf_b.data() + jr * kc;
          for (int64_t ir = 0; ir < mc; ir += MR) {
            const int64_t rows = std::min<int64_t>(MR, mc - ir);
            const float* pa = buf_a.data() + ir * kc;
            float* ct = g.c + (ic + ir) * ldc + jc + jr;
            if (rows == MR && cols == NR) {
              Kernel::run(kc, pa, pb, ct, ldc, accumulate);
              continue;
            }
            // Edge tile: compute the full tile into a scratch buffer, copy back the part inside C.
            Kernel::run(kc, pa, pb, edge, NR, false);
            for (int64_t r = 0; r < rows; ++r)
              for (int64_t j = 0; j < cols; ++j)
                ct[r * ldc + j] = accumulate ? ct[r * ldc + j] + edge[r * NR + j] : edge[r * NR + j];
          }
        }
      }
    }
  }
}

/// An own kernel over the vector type V: a whole product on the direct path (gemm_small.h, R x NV vectors) or
/// on the packed driver (Tile, KC x MC blocks), split among threads in strips of the path's register tile.
/// `direct` is the kernel's size rule, decided on the whole product so that every thread takes the same path.
template <typename V, int R, int NV, typename Tile, int64_t KC, int64_t MC>
void own_gemm(GemmPath path, bool direct, const GemmArgs& g) {
  if (path == GemmPath::direct || (path == GemmPath::by_size && direct))
    parallel_gemm(g, R, NV * V::W, gemm_small<V, R, NV>);
  else
    parallel_gemm(g, Tile::MR, Tile::NR, gemm_blocked<Tile, KC, MC>);
}

}  // namespace nabla::detail
