// Elementwise activations as modules, so that they can sit in a Sequential.
#pragma once
#include <memory>
#include <string>

#include "nabla/nn/module.h"
#include "nabla/ops/user_op.h"

namespace nabla::nn {

class ReLU : public Module {
 public:
  Tensor forward(const Tensor& x) override;
  std::string describe() const override { return "ReLU()"; }
};

class LeakyReLU : public Module {
 public:
  explicit LeakyReLU(float negative_slope = 0.01f) : slope_(negative_slope) {}
  Tensor forward(const Tensor& x) override;
  std::string describe() const override;
  float negative_slope() const { return slope_; }

 private:
  float slope_;
};

class Tanh : public Module {
 public:
  Tensor forward(const Tensor& x) override;
  std::string describe() const override { return "Tanh()"; }
};

class Sigmoid : public Module {
 public:
  Tensor forward(const Tensor& x) override;
  std::string describe() const override { return "Sigmoid()"; }
};

/// The exact (erf) GELU.
class GELU : public Module {
 public:
  Tensor forward(const Tensor& x) override;
  std::string describe() const override { return "GELU()"; }
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

/// The activation module for a name: relu, leaky_relu, tanh, sigmoid, gelu, or a registered user op
/// (register_elementwise_op); nullptr for "linear" (none). ValueError for any other name.
std::shared_ptr<Module> make_activation(const std::string& name);

}  // namespace nabla::nn
