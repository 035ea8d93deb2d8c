// Softmax and log-softmax along an axis, stable for large logits (the max is subtracted first).
#pragma once
#include "nabla/tensor/tensor.h"

namespace nabla {

Tensor softmax(const Tensor& x, int64_t axis = -1);
Tensor log_softmax(const Tensor& x, int64_t axis = -1);
/// log(sum(exp(x))) along `axis`, stable for large x.
Tensor logsumexp(const Tensor& x, int64_t axis = -1, bool keepdim = false);

}  // namespace nabla
