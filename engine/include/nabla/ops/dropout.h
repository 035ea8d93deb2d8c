// Inverted dropout: in training each element is zeroed with probability p and the rest scaled by 1/(1-p).
#pragma once
#include "nabla/tensor/tensor.h"

namespace nabla {

/// Identity when !training or p == 0; ValueError unless 0 <= p < 1. Uses the global generator.
Tensor dropout(const Tensor& x, float p, bool training = true);

}  // namespace nabla
