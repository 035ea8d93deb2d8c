// Linear: one fused nabla::linear call (one graph node for x W^T + b).
#include "nabla/nn/linear.h"

#include <cmath>
#include <string>

#include "nabla/error.h"
#include "nabla/nn/init.h"
#include "nabla/ops/linalg.h"

namespace nabla::nn {

Linear::Linear(int64_t in_features, int64_t out_features, LinearOptions options)
    : in_(in_features), out_(out_features) {
  if (in_features <= 0 || out_features <= 0)
    throw ValueError("Linear: sizes must be positive, got in=" + std::to_string(in_features) +
                     " out=" + std::to_string(out_features));
  // PyTorch's default: kaiming_uniform(a = sqrt(5)) on W, i.e. U(-1/sqrt(in), 1/sqrt(in)), and the same for b.
  float bound = 1.0f / std::sqrt(float(in_features));
  Tensor w = Tensor::empty(Shape{out_features, in_features});
  init::uniform_(w, -bound, bound);
  weight = register_parameter("weight", w);
  if (options.bias) {
    Tensor b = Tensor::empty(Shape{out_features});
    init::uniform_(b, -bound, bound);
    bias = register_parameter("bias", b);
  }
}

Tensor Linear::forward(const Tensor& x) { return linear(x, weight, bias); }

std::string Linear::describe() const {
  return "Linear(in=" + std::to_string(in_) + ", out=" + std::to_string(out_) +
         ", bias=" + (bias.defined() ? "true" : "false") + ")";
}

}  // namespace nabla::nn
