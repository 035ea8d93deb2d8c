// BatchNorm1d and BatchNorm2d: parameters, buffers and shape checks around the batch_norm op (ops/norm.h),
// which also updates the running statistics.
#include "nabla/nn/batchnorm.h"

#include <string>

#include "nabla/error.h"
#include "nabla/ops/norm.h"
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
  // Counted as PyTorch counts it (and saved under its name, so that torch loads our files strictly); the
  // running statistics use momentum, never the cumulative average that would need the count.
  num_batches_tracked = register_buffer("num_batches_tracked", zeros(Shape{}));
}

Tensor BatchNorm::forward(const Tensor& x) {
  const std::string expected = rank_ == 2 ? "(N, " + std::to_string(features_) + ")"
                                          : "(N, " + std::to_string(features_) + ", H, W)";
  if (x.rank() != rank_ || x.shape()[1] != features_)
    throw ShapeError(std::string(name_) + ": expected input " + expected + ", got " + x.shape().str() +
                     (x.rank() != rank_ ? (rank_ == 2 ? " (BatchNorm2d takes images)" : " (BatchNorm1d takes rows)")
                                        : ""));
  if (is_training() && x.numel() / features_ < 2)
    throw ValueError(std::string(name_) + ": training needs more than one value per channel, got " +
                     x.shape().str());
  if (is_training()) num_batches_tracked.data()[0] += 1;
  return batch_norm(x, weight, bias, running_mean, running_var, is_training(), options_.momentum, options_.eps);
}

std::string BatchNorm::describe() const {
  return std::string(name_) + "(" + std::to_string(features_) + ", eps=" + std::to_string(options_.eps) +
         ", momentum=" + std::to_string(options_.momentum) + ", affine=" + (options_.affine ? "true" : "false") + ")";
}

}  // namespace nabla::nn
