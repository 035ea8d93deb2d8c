// Batch normalisation: y = (x - mean) / sqrt(var + eps) * gamma + beta, per channel C.
//   BatchNorm1d: x (N, C), statistics over N.
//   BatchNorm2d: x (N, C, H, W), statistics over N, H and W (one mean and variance per channel).
// Training mode uses the batch's mean and biased variance and updates the running statistics
// (running = (1 - momentum) running + momentum batch, with the unbiased variance, as PyTorch does);
// evaluation mode uses the running statistics.
#pragma once
#include <cstdint>
#include <string>

#include "nabla/nn/module.h"

namespace nabla::nn {

struct BatchNormOptions {
  float eps = 1e-5f;
  float momentum = 0.1f;
  bool affine = true;
};

/// The shared part of BatchNorm1d and BatchNorm2d; `rank` is 2 or 4.
class BatchNorm : public Module {
 public:
  Tensor forward(const Tensor& x) override;
  std::string describe() const override;
  int64_t num_features() const { return features_; }

  Tensor weight, bias;               // gamma and beta (C); undefined without affine
  Tensor running_mean, running_var;  // buffers (C)
  Tensor num_batches_tracked;        // buffer (): training forwards so far, as PyTorch's

 protected:
  BatchNorm(const char* name, int rank, int64_t num_features, BatchNormOptions options);

 private:
  const char* name_;
  int rank_;
  int64_t features_;
  BatchNormOptions options_;
};

class BatchNorm1d : public BatchNorm {
 public:
  explicit BatchNorm1d(int64_t num_features, BatchNormOptions options = {})
      : BatchNorm("BatchNorm1d", 2, num_features, options) {}
};

class BatchNorm2d : public BatchNorm {
 public:
  explicit BatchNorm2d(int64_t num_features, BatchNormOptions options = {})
      : BatchNorm("BatchNorm2d", 4, num_features, options) {}
};

}  // namespace nabla::nn
