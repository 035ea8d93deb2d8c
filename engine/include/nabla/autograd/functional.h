// Functional differentiation in the spirit of HIPS autograd: grad(f) is a function, so grad(grad(f)) works.
#pragma once
#include <functional>
#include <utility>

#include "nabla/tensor/tensor.h"

namespace nabla {

using TensorFn = std::function<Tensor(const Tensor&)>;

/// grad(f)(x) = df/dx for a scalar-valued f. The result is differentiable whenever x is.
TensorFn grad(TensorFn f);

/// value_and_grad(f)(x) = {f(x), df/dx}.
std::function<std::pair<Tensor, Tensor>(const Tensor&)> value_and_grad(TensorFn f);

/// Hessian-vector product H(x)·v of a scalar-valued f, by differentiating <grad f(x), v>.
Tensor hvp(const TensorFn& f, const Tensor& x, const Tensor& v);

}  // namespace nabla
