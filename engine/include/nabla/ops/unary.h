// Elementwise functions of one tensor.
#pragma once
#include "nabla/tensor/tensor.h"

namespace nabla {

Tensor exp(const Tensor& x);
/// Natural log; -inf at 0 and NaN below, as in PyTorch.
Tensor log(const Tensor& x);
Tensor sqrt(const Tensor& x);
/// |x|; the gradient at 0 is 0, as in PyTorch.
Tensor abs(const Tensor& x);
/// sin(x) and cos(x), in radians.
Tensor sin(const Tensor& x);
Tensor cos(const Tensor& x);
Tensor tanh(const Tensor& x);
/// 1 / (1 + e^-x), computed without overflow for large |x|.
Tensor sigmoid(const Tensor& x);
Tensor relu(const Tensor& x);
/// x for x > 0, slope * x otherwise.
Tensor leaky_relu(const Tensor& x, float slope = 0.01f);
/// x * Phi(x), the exact (erf) form, as PyTorch's default.
Tensor gelu(const Tensor& x);
/// log(1 + e^x), stable for large |x|.
Tensor softplus(const Tensor& x);
/// min(max(x, lo), hi); the gradient is 1 inside [lo, hi] and 0 outside. Throws ValueError if lo > hi.
Tensor clamp(const Tensor& x, float lo, float hi);

}  // namespace nabla
