// Batch normalisation as one op. x (N, C, ...) with channels on axis 1; statistics per channel over every
// other axis (n = numel / C values each).
#pragma once
#include "nabla/tensor/tensor.h"

namespace nabla {

/// y = (x - mean_c) / sqrt(var_c + eps) * weight_c + bias_c. Training: the batch's mean and biased variance,
/// and running_mean/var (C) updated in place, outside the graph, as running = (1 - momentum) running +
/// momentum batch (unbiased variance, as PyTorch). Eval: the running statistics. weight and bias may be
/// undefined (no affine). ValueError in training when a channel has fewer than 2 values.
Tensor batch_norm(const Tensor& x, const Tensor& weight, const Tensor& bias, Tensor& running_mean,
                  Tensor& running_var, bool training, float momentum, float eps);

}  // namespace nabla
