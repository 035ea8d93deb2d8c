// Containers: Sequential chains modules; Residual adds its input to its body's output; Flatten and Reshape
// change shapes.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <vector>

#include "nabla/nn/module.h"

namespace nabla::nn {

/// Applies its modules in order; they are named "0", "1", ... in named_parameters().
class Sequential : public Module {
 public:
  Sequential() = default;
  Sequential(std::initializer_list<std::shared_ptr<Module>> modules);
  /// Appends a module; returns *this for chaining.
  Sequential& push_back(std::shared_ptr<Module> module);
  Tensor forward(const Tensor& x) override;
  std::string describe() const override;
  size_t size() const { return children().size(); }
  Module& operator[](size_t i) const { return *children().at(i).second; }
};

/// y = x + body(x): the skip connection of a residual network. The body must keep the shape.
class Residual : public Module {
 public:
  explicit Residual(std::shared_ptr<Module> body);
  Tensor forward(const Tensor& x) override;
  std::string describe() const override;

 private:
  std::shared_ptr<Module> body_;
};

/// Collapses dimensions start_axis..end_axis into one: (N, C, H, W) -> (N, C*H*W) by default.
class Flatten : public Module {
 public:
  explicit Flatten(int64_t start_axis = 1, int64_t end_axis = -1) : start_(start_axis), end_(end_axis) {}
  Tensor forward(const Tensor& x) override;
  std::string describe() const override { return "Flatten()"; }

 private:
  int64_t start_, end_;
};

/// Reshapes each sample: (N, ...) -> (N, sample_shape...), e.g. flat MNIST rows (N, 784) -> (N, 1, 28, 28).
class Reshape : public Module {
 public:
  explicit Reshape(std::vector<int64_t> sample_shape) : sample_shape_(std::move(sample_shape)) {}
  Tensor forward(const Tensor& x) override;
  std::string describe() const override;

 private:
  std::vector<int64_t> sample_shape_;
};

}  // namespace nabla::nn
