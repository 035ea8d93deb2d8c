// Losses. Each reduces to the mean over the batch. Shapes: N = batch, K = classes.
#pragma once
#include "nabla/tensor/tensor.h"

namespace nabla {

/// mean((pred - target)^2); shapes must match.
Tensor mse_loss(const Tensor& pred, const Tensor& target);
/// mean(|pred - target|).
Tensor l1_loss(const Tensor& pred, const Tensor& target);
/// Softmax cross-entropy on logits (N, K) with integer class labels (N) stored as floats.
/// Fused and stable: logits of 1e4 give finite values and gradients.
Tensor cross_entropy(const Tensor& logits, const Tensor& labels);
/// Negative log-likelihood -mean_i log_probs[i, y_i] of log-probabilities (N, K), as torch.nn.functional.nll_loss:
/// nll_loss(log_softmax(z, 1), y) equals cross_entropy(z, y), taken apart for debugging.
Tensor nll_loss(const Tensor& log_probs, const Tensor& labels);
/// Binary cross-entropy on logits, targets in [0, 1]; stable for large |logits|.
Tensor binary_cross_entropy_with_logits(const Tensor& logits, const Tensor& targets);
/// Multi-class hinge (Weston-Watkins, the micrograd SVM loss): mean over N of sum_{j != y} max(0, 1 + s_j - s_y).
Tensor multi_margin_loss(const Tensor& scores, const Tensor& labels, float margin = 1.0f);
/// sum(|w|) and sum(w^2), for regularisation.
Tensor l1_penalty(const Tensor& w);
Tensor l2_penalty(const Tensor& w);

}  // namespace nabla
