// The matrix-multiply kernel behind matmul, linear and conv2d. Row-major, contiguous operands.
#pragma once
#include <cstdint>

namespace nabla {

/// C (m x n) = op(A) op(B) + beta * C, where op(A) is m x k (A stored k x m when trans_a) and op(B) is
/// k x n (B stored n x k when trans_b). beta is 0 or 1: overwrite or accumulate.
void gemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a, const float* b,
          float* c, float beta = 0.0f);

}  // namespace nabla
