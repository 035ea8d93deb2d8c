// Elementwise activations as modules, so that they can sit in a Sequential.
#pragma once
#include <memory>
#include <string>

#include "nabla/name_table.h"
#include "nabla/nn/module.h"
#include "nabla/ops/unary.h"
#include "nabla/ops/user_op.h"

namespace nabla::nn {

/// In the order of activation_names().
enum class ActivationKind { relu, leaky_relu, tanh, sigmoid, gelu, linear };

/// The one name table of the activations (make_activation, make_mlp, layer specs, the CLI, nb.nn).
const NameTable<ActivationKind>& activation_names();

/// An activation without parameters: its forward is the unary op `Op`, and it describes itself as Name().
template <Tensor (*Op)(const Tensor&), const char* Name>
class UnaryActivation : public Module {
 public:
  Tensor forward(const Tensor& x) override { return Op(x); }
  std::string describe() const override { return std::string(Name) + "()"; }
};

inline constexpr char kReLUName[] = "ReLU", kTanhName[] = "Tanh", kSigmoidName[] = "Sigmoid", kGELUName[] = "GELU";
using ReLU = UnaryActivation<&nabla::relu, kReLUName>;
using Tanh = UnaryActivation<&nabla::tanh, kTanhName>;
using Sigmoid = UnaryActivation<&nabla::sigmoid, kSigmoidName>;
/// The exact (erf) GELU.
using GELU = UnaryActivation<&nabla::gelu, kGELUName>;

class LeakyReLU : public Module {
 public:
  explicit LeakyReLU(float negative_slope = 0.01f) : slope_(negative_slope) {}
  Tensor forward(const Tensor& x) override;
  std::string describe() const override;
  float negative_slope() const { return slope_; }

 private:
  float slope_;
};

/// A user-defined elementwise op (nabla/ops/user_op.h) as an activation; it keeps its own copy of the op.
class Elementwise : public Module {
 public:
  explicit Elementwise(ElementwiseOp op) : op_(std::move(op)) {}
  Tensor forward(const Tensor& x) override { return op_(x); }
  std::string describe() const override { return op_.name() + "()"; }
  const ElementwiseOp& op() const { return op_; }

 private:
  ElementwiseOp op_;
};

/// The activation module of a kind; nullptr for linear (none).
std::shared_ptr<Module> make_activation(ActivationKind kind);

/// The activation module for a name of activation_names() or a registered user op
/// (register_elementwise_op); nullptr for "linear" (none). ValueError for any other name.
std::shared_ptr<Module> make_activation(const std::string& name);

/// True for a name make_activation takes.
bool is_activation(const std::string& name);

}  // namespace nabla::nn
