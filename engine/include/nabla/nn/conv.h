// Convolution and pooling layers over NCHW images.
//   N = batch, C = channels in, O = channels out, H, W = height and width, K = kernel size.
#pragma once
#include <cstdint>

#include "nabla/nn/init.h"
#include "nabla/nn/module.h"
#include "nabla/ops/conv.h"

namespace nabla::nn {

struct Conv2dOptions {
  int stride = 1;
  int padding = 0;
  bool bias = true;
  init::Init init = init::Init::default_;
};

/// x (N, C, H, W) -> (N, O, H', W') with weight (O, C, K, K) and bias (O).
class Conv2d : public Module {
 public:
  /// W and b start as options.init says; the default is PyTorch's, U(-1/sqrt(C K K), 1/sqrt(C K K)).
  Conv2d(int64_t in_channels, int64_t out_channels, int64_t kernel_size, Conv2dOptions options = {});
  Tensor forward(const Tensor& x) override;
  std::string describe() const override;

  Tensor weight;
  Tensor bias;  // undefined without bias

 private:
  int64_t in_, out_, kernel_;
  Conv2dOptions options_;
};

/// Max over each kernel x kernel window (stride defaults to the kernel size).
class MaxPool2d : public Module {
 public:
  explicit MaxPool2d(Pool2dOptions options = {});
  explicit MaxPool2d(int kernel) : MaxPool2d(Pool2dOptions{.kernel = kernel}) {}
  Tensor forward(const Tensor& x) override;
  std::string describe() const override;

 private:
  Pool2dOptions options_;
};

/// Mean over each kernel x kernel window (stride defaults to the kernel size).
class AvgPool2d : public Module {
 public:
  explicit AvgPool2d(Pool2dOptions options = {});
  explicit AvgPool2d(int kernel) : AvgPool2d(Pool2dOptions{.kernel = kernel}) {}
  Tensor forward(const Tensor& x) override;
  std::string describe() const override;

 private:
  Pool2dOptions options_;
};

}  // namespace nabla::nn
