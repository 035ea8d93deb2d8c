// BatchNorm1d over (N, C) inputs: y = (x - mean) / sqrt(var + eps) * gamma + beta.
// Training mode uses the batch's mean and biased variance and updates the running statistics
// (running = (1 - momentum) running + momentum batch, with the unbiased variance, as PyTorch does);
// evaluation mode uses the running statistics.
#pragma once
#include <cstdint>

#include "nabla/nn/module.h"

namespace nabla::nn {

struct BatchNormOptions {
  float eps = 1e-5f;
  float momentum = 0.1f;
  bool affine = true;
};

class BatchNorm1d : public Module {
 public:
  explicit BatchNorm1d(int64_t num_features, BatchNormOptions options = {});
  Tensor forward(const Tensor& x) override;
  std::string describe() const override;

  Tensor weight, bias;               // gamma and beta (C); undefined without affine
  Tensor running_mean, running_var;  // buffers (C)

 private:
  int64_t features_;
  BatchNormOptions options_;
};

}  // namespace nabla::nn
