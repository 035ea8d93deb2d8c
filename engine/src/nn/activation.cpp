// Activation modules (each forward is one unary op) and their one name table.
#include "nabla/nn/activation.h"

#include "nabla/error.h"
#include "nabla/ops/unary.h"

namespace nabla::nn {

Tensor LeakyReLU::forward(const Tensor& x) { return leaky_relu(x, slope_); }
std::string LeakyReLU::describe() const { return "LeakyReLU(slope=" + std::to_string(slope_) + ")"; }

const NameTable<ActivationKind>& activation_names() {
  static const NameTable<ActivationKind> table("activation", "relu leaky_relu:leakyRelu:leaky tanh sigmoid gelu linear");
  return table;
}

std::shared_ptr<Module> make_activation(ActivationKind kind) {
  switch (kind) {
    case ActivationKind::relu: return std::make_shared<ReLU>();
    case ActivationKind::leaky_relu: return std::make_shared<LeakyReLU>();
    case ActivationKind::tanh: return std::make_shared<Tanh>();
    case ActivationKind::sigmoid: return std::make_shared<Sigmoid>();
    case ActivationKind::gelu: return std::make_shared<GELU>();
    case ActivationKind::linear: return nullptr;
  }
  return nullptr;
}

std::shared_ptr<Module> make_activation(const std::string& name) {
  if (auto kind = activation_names().find(name)) return make_activation(*kind);
  if (auto op = find_elementwise_op(name)) return std::make_shared<Elementwise>(*op);
  throw ValueError("activation: unknown name '" + name + "' (expected one of " + activation_names().choices() +
                   " or a registered user op)");
}

bool is_activation(const std::string& name) { return activation_names().find(name) || find_elementwise_op(name); }

}  // namespace nabla::nn
