// Conv2d, MaxPool2d, AvgPool2d: parameters plus a call to the conv and pool ops.
#include "nabla/nn/conv.h"

#include <cmath>
#include <string>

#include "nabla/error.h"
#include "nabla/nn/init.h"

namespace nabla::nn {

Conv2d::Conv2d(int64_t in_channels, int64_t out_channels, int64_t kernel_size, Conv2dOptions options)
    : in_(in_channels), out_(out_channels), kernel_(kernel_size), options_(options) {
  if (in_channels <= 0 || out_channels <= 0 || kernel_size <= 0)
    throw ValueError("Conv2d: channels and kernel size must be positive, got in=" + std::to_string(in_channels) +
                     " out=" + std::to_string(out_channels) + " kernel=" + std::to_string(kernel_size));
  if (options.stride <= 0 || options.padding < 0)
    throw ValueError("Conv2d: stride must be positive and padding non-negative, got stride=" +
                     std::to_string(options.stride) + " padding=" + std::to_string(options.padding));
  Tensor w = Tensor::empty(Shape{out_channels, in_channels, kernel_size, kernel_size});
  Tensor b = options.bias ? Tensor::empty(Shape{out_channels}) : Tensor();
  init::init_layer(w, b, options.init);
  weight = register_parameter("weight", w);
  if (options.bias) bias = register_parameter("bias", b);
}

Tensor Conv2d::forward(const Tensor& x) {
  return conv2d(x, weight, bias, nabla::Conv2dOptions{.stride = options_.stride, .padding = options_.padding});
}

std::string Conv2d::describe() const {
  return "Conv2d(in=" + std::to_string(in_) + ", out=" + std::to_string(out_) + ", kernel=" +
         std::to_string(kernel_) + ", stride=" + std::to_string(options_.stride) + ", padding=" +
         std::to_string(options_.padding) + ", bias=" + (bias.defined() ? "true" : "false") + ")";
}

std::string pool_describe(const char* name, const Pool2dOptions& o) {
  return std::string(name) + "(kernel=" + std::to_string(o.kernel) +
         ", stride=" + std::to_string(o.stride == 0 ? o.kernel : o.stride) +
         ", padding=" + std::to_string(o.padding) + ")";
}

}  // namespace nabla::nn
