// Elementwise activations as modules, so that they can sit in a Sequential.
#pragma once
#include <memory>
#include <string>

#include "nabla/nn/module.h"

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

/// The activation module for a name: relu, leaky_relu, tanh, sigmoid, gelu; nullptr for "linear" (none).
/// ValueError for any other name.
std::shared_ptr<Module> make_activation(const std::string& name);

}  // namespace nabla::nn
