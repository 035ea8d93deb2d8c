// Matrix products, on the engine's GEMM kernel.
#pragma once
#include "nabla/tensor/tensor.h"

namespace nabla {

/// a @ b: 2-D (m,k)@(k,n); batched (..., m, k)@(..., k, n) with broadcast batch dimensions;
/// 1-D operands are treated as in NumPy (vector-matrix, matrix-vector, dot).
Tensor matmul(const Tensor& a, const Tensor& b);
/// x @ w^T + b for x (N, in), w (out, in), b (out) or undefined: the fused dense layer.
Tensor linear(const Tensor& x, const Tensor& w, const Tensor& b = Tensor());

}  // namespace nabla
