// Linear: y = x W^T + b, the dense layer. Shapes: x (N, in), W (out, in), b (out), y (N, out).
// DropConnect (Wan et al. 2013) drops weights instead of activations: in training each forward uses
// W * M / (1 - p), M ~ Bernoulli(1 - p) drawn once per call (one mask for the batch), the "inverted" scaling,
// so evaluation uses W itself rather than the paper's Gaussian moment-matching at inference.
#pragma once
#include <cstdint>

#include "nabla/nn/init.h"
#include "nabla/nn/module.h"

namespace nabla::nn {

struct LinearOptions {
  bool bias = true;
  init::Init init = init::Init::default_;
  float drop_connect = 0.0f;  // p in [0, 1): probability of dropping each weight in training
};

class Linear : public Module {
 public:
  /// W and b start as options.init says, from the global generator; the default is PyTorch's,
  /// U(-1/sqrt(in), 1/sqrt(in)). ValueError for sizes <= 0 or drop_connect outside [0, 1).
  Linear(int64_t in_features, int64_t out_features, LinearOptions options = {});
  Tensor forward(const Tensor& x) override;
  std::string describe() const override;

  Tensor weight;
  Tensor bias;  // undefined without bias

 private:
  int64_t in_, out_;
  float drop_connect_;
};

}  // namespace nabla::nn
