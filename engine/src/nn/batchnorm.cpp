// BatchNorm1d composed from reductions and arithmetic, so its backward (through the batch statistics)
// comes from autograd; the running statistics are updated in place outside the graph.
#include "nabla/nn/batchnorm.h"

#include <string>

#include "nabla/autograd/grad_mode.h"
#include "nabla/error.h"
#include "nabla/ops/arith.h"
#include "nabla/ops/layout.h"
#include "nabla/ops/reduce.h"
#include "nabla/ops/unary.h"
#include "nabla/tensor/factory.h"

namespace nabla::nn {

BatchNorm1d::BatchNorm1d(int64_t num_features, BatchNormOptions options)
    : features_(num_features), options_(options) {
  if (num_features <= 0)
    throw ValueError("BatchNorm1d: num_features must be positive, got " + std::to_string(num_features));
  if (!(options.eps > 0) || !(options.momentum >= 0 && options.momentum <= 1))
    throw ValueError("BatchNorm1d: need eps > 0 and momentum in [0, 1], got eps=" + std::to_string(options.eps) +
                     " momentum=" + std::to_string(options.momentum));
  if (options.affine) {
    weight = register_parameter("weight", ones(Shape{num_features}));
    bias = register_parameter("bias", zeros(Shape{num_features}));
  }
  running_mean = register_buffer("running_mean", zeros(Shape{num_features}));
  running_var = register_buffer("running_var", ones(Shape{num_features}));
}

Tensor BatchNorm1d::forward(const Tensor& x) {
  if (x.rank() != 2 || x.shape()[1] != features_)
    throw ShapeError("BatchNorm1d: expected input (N, " + std::to_string(features_) + "), got " + x.shape().str());
  Tensor y;
  if (is_training()) {
    int64_t n = x.shape()[0];
    if (n < 2) throw ValueError("BatchNorm1d: training needs a batch of at least 2 rows, got " + x.shape().str());
    Tensor m = mean(x, {0}, true);
    Tensor centered = x - m;
    Tensor var = mean(centered * centered, {0}, true);
    y = centered / sqrt(var + options_.eps);
    NoGradGuard no_grad;
    float mom = options_.momentum, unbias = float(n) / float(n - 1);
    for (int64_t c = 0; c < features_; ++c) {
      running_mean.data()[c] = (1 - mom) * running_mean.data()[c] + mom * m.data()[c];
      running_var.data()[c] = (1 - mom) * running_var.data()[c] + mom * var.data()[c] * unbias;
    }
  } else {
    y = (x - reshape(running_mean, {1, features_})) / reshape(sqrt(running_var + options_.eps), {1, features_});
  }
  if (options_.affine) y = y * weight + bias;
  return y;
}

std::string BatchNorm1d::describe() const {
  return "BatchNorm1d(" + std::to_string(features_) + ", eps=" + std::to_string(options_.eps) +
         ", momentum=" + std::to_string(options_.momentum) + ")";
}

}  // namespace nabla::nn
