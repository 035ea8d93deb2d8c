// Sequential, Residual and Flatten.
#include "nabla/nn/container.h"

#include <string>

#include "nabla/error.h"
#include "nabla/ops/arith.h"
#include "nabla/ops/layout.h"

namespace nabla::nn {

Sequential::Sequential(std::initializer_list<std::shared_ptr<Module>> modules) {
  for (const auto& m : modules) push_back(m);
}

Sequential& Sequential::push_back(std::shared_ptr<Module> module) {
  if (!module) throw ValueError("Sequential: cannot append a null module");
  register_module(std::to_string(children().size()), std::move(module));
  return *this;
}

Tensor Sequential::forward(const Tensor& x) {
  Tensor y = x;
  for (const auto& [name, m] : children()) y = m->forward(y);
  return y;
}

std::string Sequential::describe() const {
  std::string s = "Sequential(\n";
  for (const auto& [name, m] : children()) s += "  (" + name + "): " + m->describe() + "\n";
  return s + ")";
}

Residual::Residual(std::shared_ptr<Module> body) : body_(body) {
  if (!body) throw ValueError("Residual: body must not be null");
  register_module("body", std::move(body));
}

Tensor Residual::forward(const Tensor& x) {
  Tensor y = body_->forward(x);
  if (y.shape() != x.shape())
    throw ShapeError("Residual: body maps " + x.shape().str() + " to " + y.shape().str() +
                     "; a skip connection needs the same shape");
  return x + y;
}

std::string Residual::describe() const { return "Residual(" + body_->describe() + ")"; }

Tensor Flatten::forward(const Tensor& x) { return flatten(x, start_, end_); }

Tensor Reshape::forward(const Tensor& x) {
  std::vector<int64_t> shape{x.rank() > 0 ? x.shape()[0] : 1};
  shape.insert(shape.end(), sample_shape_.begin(), sample_shape_.end());
  return reshape(x, shape);
}

std::string Reshape::describe() const {
  std::string s = "Reshape(";
  for (size_t i = 0; i < sample_shape_.size(); ++i) s += (i ? ", " : "") + std::to_string(sample_shape_[i]);
  return s + ")";
}

}  // namespace nabla::nn
