// Convolution and pooling over NCHW images.
//   N = batch, C = channels in, O = channels out, H, W = height and width, K = kernel size.
#pragma once
#include "nabla/tensor/tensor.h"

namespace nabla {

struct Conv2dOptions {
  int stride = 1;
  int padding = 0;
};

/// x (N, C, H, W) * w (O, C, KH, KW) + b (O) -> (N, O, H', W'), with H' = (H + 2p - KH) / s + 1.
Tensor conv2d(const Tensor& x, const Tensor& w, const Tensor& b = Tensor(), Conv2dOptions options = {});

struct Pool2dOptions {
  int kernel = 2;
  int stride = 0;  // 0 means the kernel size
  int padding = 0;
};

/// Max over each window; the gradient goes to the first maximal element.
Tensor max_pool2d(const Tensor& x, Pool2dOptions options = {});
/// Mean over each window (padding counts as zeros in the mean, as PyTorch's count_include_pad).
Tensor avg_pool2d(const Tensor& x, Pool2dOptions options = {});

}  // namespace nabla
