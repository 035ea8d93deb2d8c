// Convolution and pooling layers over NCHW images.
//   N = batch, C = channels in, O = channels out, H, W = height and width, K = kernel size.
#pragma once
#include <cstdint>
#include <string>

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

/// "MaxPool2d(kernel=2, stride=2, padding=0)": a pooling layer's describe().
std::string pool_describe(const char* name, const Pool2dOptions& options);

/// A pooling layer: the op `Op` over each kernel x kernel window (stride defaults to the kernel size).
template <Tensor (*Op)(const Tensor&, Pool2dOptions), const char* Name>
class Pool2d : public Module {
 public:
  explicit Pool2d(Pool2dOptions options = {}) : options_(options) {}
  explicit Pool2d(int kernel) : Pool2d(Pool2dOptions{.kernel = kernel}) {}
  Tensor forward(const Tensor& x) override { return Op(x, options_); }
  std::string describe() const override { return pool_describe(Name, options_); }

 private:
  Pool2dOptions options_;
};

inline constexpr char kMaxPool2dName[] = "MaxPool2d", kAvgPool2dName[] = "AvgPool2d";
/// Max over each window.
using MaxPool2d = Pool2d<&nabla::max_pool2d, kMaxPool2dName>;
/// Mean over each window.
using AvgPool2d = Pool2d<&nabla::avg_pool2d, kAvgPool2dName>;

}  // namespace nabla::nn
