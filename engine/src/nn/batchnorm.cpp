// BatchNorm1d and BatchNorm2d composed from reductions and arithmetic, so the backward (through the batch
// statistics) comes from autograd; the running statistics are updated in place outside the graph.
#include "nabla/nn/batchnorm.h"

#include <string>
#include <vector>

#include "nabla/autograd/grad_mode.h"
#include "nabla/error.h"
#include "nabla/ops/arith.h"
#include "nabla/ops/layout.h"
#include "nabla/ops/reduce.h"
#include "nabla/ops/unary.h"
#include "nabla/tensor/factory.h"

namespace nabla::nn {

BatchNorm::BatchNorm(const char* name, int rank, int64_t num_features, BatchNormOptions options)
    : name_(name), rank_(rank), features_(num_features), options_(options) {
  if (num_features <= 0)
    throw ValueError(std::string(name) + ": num_features must be positive, got " + std::to_string(num_features));
  if (!(options.eps > 0) || !(options.momentum >= 0 && options.momentum <= 1))
    throw ValueError(std::string(name) + ": need eps > 0 and momentum in [0, 1], got eps=" +
                     std::to_string(options.eps) + " momentum=" + std::to_string(options.momentum));
  if (options.affine) {
    weight = register_parameter("weight", ones(Shape{num_features}));
    bias = register_parameter("bias", zeros(Shape{num_features}));
  }
  running_mean = register_buffer("running_mean", zeros(Shape{num_features}));
  running_var = register_buffer("running_var", ones(Shape{num_features}));
}

Tensor BatchNorm::forward(const Tensor& x) {
  const std::string expected = rank_ == 2 ? "(N, " + std::to_string(features_) + ")"
                                          : "(N, " + std::to_string(features_) + ", H, W)";
  if (x.rank() != rank_ || x.shape()[1] != features_)
    throw ShapeError(std::string(name_) + ": expected input " + expected + ", got " + x.shape().str() +
                     (x.rank() != rank_ ? (rank_ == 2 ? " (BatchNorm2d takes images)" : " (BatchNorm1d takes rows)")
                                        : ""));
  // Per-channel statistics broadcast as (1, C) or (1, C, 1, 1).
  std::vector<int64_t> stat_shape(rank_, 1), axes{0};
  stat_shape[1] = features_;
  for (int a = 2; a < rank_; ++a) axes.push_back(a);
  Tensor y;
  if (is_training()) {
    const int64_t n = x.numel() / features_;  // values per channel
    if (n < 2)
      throw ValueError(std::string(name_) + ": training needs more than one value per channel, got " +
                       x.shape().str());
    Tensor m = mean(x, axes, true);
    Tensor centered = x - m;
    Tensor var = mean(centered * centered, axes, true);
    y = centered / sqrt(var + options_.eps);
    NoGradGuard no_grad;
    const float mom = options_.momentum, unbias = float(n) / float(n - 1);
    for (int64_t c = 0; c < features_; ++c) {
      running_mean.data()[c] = (1 - mom) * running_mean.data()[c] + mom * m.data()[c];
      running_var.data()[c] = (1 - mom) * running_var.data()[c] + mom * var.data()[c] * unbias;
    }
  } else {
    y = (x - reshape(running_mean, stat_shape)) / reshape(sqrt(running_var + options_.eps), stat_shape);
  }
  if (options_.affine) y = y * reshape(weight, stat_shape) + reshape(bias, stat_shape);
  return y;
}

std::string BatchNorm::describe() const {
  return std::string(name_) + "(" + std::to_string(features_) + ", eps=" + std::to_string(options_.eps) +
         ", momentum=" + std::to_string(options_.momentum) + ", affine=" + (options_.affine ? "true" : "false") + ")";
}

}  // namespace nabla::nn
