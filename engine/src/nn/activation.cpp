// Activation modules: each forward is one unary op.
#include "nabla/nn/activation.h"

#include "nabla/error.h"
#include "nabla/ops/unary.h"

namespace nabla::nn {

Tensor ReLU::forward(const Tensor& x) { return relu(x); }
Tensor LeakyReLU::forward(const Tensor& x) { return leaky_relu(x, slope_); }
std::string LeakyReLU::describe() const { return "LeakyReLU(slope=" + std::to_string(slope_) + ")"; }
Tensor Tanh::forward(const Tensor& x) { return tanh(x); }
Tensor Sigmoid::forward(const Tensor& x) { return sigmoid(x); }
Tensor GELU::forward(const Tensor& x) { return gelu(x); }

std::shared_ptr<Module> make_activation(const std::string& name) {
  if (name == "relu") return std::make_shared<ReLU>();
  if (name == "leaky_relu") return std::make_shared<LeakyReLU>();
  if (name == "tanh") return std::make_shared<Tanh>();
  if (name == "sigmoid") return std::make_shared<Sigmoid>();
  if (name == "gelu") return std::make_shared<GELU>();
  if (name == "linear") return nullptr;
  if (auto op = find_elementwise_op(name)) return std::make_shared<Elementwise>(*op);
  throw ValueError("activation: unknown name '" + name +
                   "' (expected relu, leaky_relu, tanh, sigmoid, gelu, linear or a registered user op)");
}

}  // namespace nabla::nn
