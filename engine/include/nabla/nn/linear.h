// Linear: y = x W^T + b, the dense layer. Shapes: x (N, in), W (out, in), b (out), y (N, out).
#pragma once
#include <cstdint>

#include "nabla/nn/module.h"

namespace nabla::nn {

struct LinearOptions {
  bool bias = true;
};

class Linear : public Module {
 public:
  /// W and b start as U(-1/sqrt(in), 1/sqrt(in)) from the global generator, as PyTorch's default.
  Linear(int64_t in_features, int64_t out_features, LinearOptions options = {});
  Tensor forward(const Tensor& x) override;
  std::string describe() const override;

  Tensor weight;
  Tensor bias;  // undefined without bias

 private:
  int64_t in_, out_;
};

}  // namespace nabla::nn
