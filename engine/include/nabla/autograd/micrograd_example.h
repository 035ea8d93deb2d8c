// micrograd's README expression, the house's worked example: the CLI's default `nabla graph`, the graph
// export tests and the autograd test record it from here. PyTorch gives g = 24.7041, dg/da = 138.8338,
// dg/db = 645.5773.
#pragma once
#include "nabla/tensor/tensor.h"

namespace nabla {

struct MicrogradExample {
  Tensor a, b;  // the leaves (requires_grad, named "a" and "b")
  Tensor g;     // the root
};

/// Records the expression afresh: a = -4, b = 2, ..., g = f / 2 + 10 / f.
MicrogradExample micrograd_example();

}  // namespace nabla
