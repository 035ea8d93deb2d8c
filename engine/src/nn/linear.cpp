// Linear: one fused nabla::linear call (one graph node for x W^T + b).
#include "nabla/nn/linear.h"

#include <cmath>
#include <string>

#include "nabla/error.h"
#include "nabla/nn/init.h"
#include "nabla/ops/dropout.h"
#include "nabla/ops/linalg.h"

namespace nabla::nn {

Linear::Linear(int64_t in_features, int64_t out_features, LinearOptions options)
    : in_(in_features), out_(out_features), drop_connect_(options.drop_connect) {
  if (in_features <= 0 || out_features <= 0)
    throw ValueError("Linear: sizes must be positive, got in=" + std::to_string(in_features) +
                     " out=" + std::to_string(out_features));
  if (!(options.drop_connect >= 0.0f && options.drop_connect < 1.0f))
    throw ValueError("Linear: dropConnect p must be in [0, 1), got " + std::to_string(options.drop_connect));
  Tensor w = Tensor::empty(Shape{out_features, in_features});
  Tensor b = options.bias ? Tensor::empty(Shape{out_features}) : Tensor();
  init::init_layer(w, b, options.init);
  weight = register_parameter("weight", w);
  if (options.bias) bias = register_parameter("bias", b);
}

Tensor Linear::forward(const Tensor& x) {
  // DropConnect is dropout applied to the weight matrix: the same mask-and-rescale, and its gradient.
  if (drop_connect_ > 0 && is_training()) return linear(x, dropout(weight, drop_connect_, true), bias);
  return linear(x, weight, bias);
}

std::string Linear::describe() const {
  return "Linear(in=" + std::to_string(in_) + ", out=" + std::to_string(out_) +
         ", bias=" + (bias.defined() ? "true" : "false") +
         (drop_connect_ > 0 ? ", drop_connect=" + std::to_string(drop_connect_) : "") + ")";
}

}  // namespace nabla::nn
