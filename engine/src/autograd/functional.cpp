// grad, value_and_grad and hvp built on nabla::gradients.
#include "nabla/autograd/functional.h"

#include "nabla/autograd/backward.h"
#include "nabla/autograd/grad_mode.h"
#include "nabla/error.h"
#include "nabla/ops/arith.h"
#include "nabla/ops/reduce.h"
#include "nabla/tensor/factory.h"

namespace nabla {

namespace {
// Differentiates f at x. When x already carries a graph (an outer grad is differentiating through this
// one), the backward pass is recorded so the outer call can differentiate the result again.
std::pair<Tensor, Tensor> differentiate(const TensorFn& f, const Tensor& x) {
  bool outer = is_grad_enabled() && x.requires_grad();
  Tensor input = outer ? x : x.detach().requires_grad_(true);
  Tensor y;
  {
    GradModeGuard on(true);
    y = f(input);
  }
  if (!y.defined() || y.numel() != 1)
    throw AutogradError("grad: the function must return a one-element tensor, got shape " +
                        (y.defined() ? y.shape().str() : std::string("undefined")));
  if (!y.requires_grad()) return {y, zeros_like(x)};
  BackwardOptions options;
  options.create_graph = outer;
  options.retain_graph = outer;
  Tensor g = gradients(y, {input}, Tensor(), options)[0];
  return {outer ? y : y.detach(), g};
}
}  // namespace

TensorFn grad(TensorFn f) {
  return [f = std::move(f)](const Tensor& x) { return differentiate(f, x).second; };
}

std::function<std::pair<Tensor, Tensor>(const Tensor&)> value_and_grad(TensorFn f) {
  return [f = std::move(f)](const Tensor& x) { return differentiate(f, x); };
}

Tensor hvp(const TensorFn& f, const Tensor& x, const Tensor& v) {
  if (v.shape() != x.shape())
    throw ShapeError("hvp: vector of shape " + v.shape().str() + " for a point of shape " +
                     x.shape().str());
  TensorFn directional = [&f, v](const Tensor& p) { return sum(mul(grad(f)(p), v)); };
  return grad(directional)(x);
}

}  // namespace nabla
