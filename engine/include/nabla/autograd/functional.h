// Function transforms in the spirit of HIPS autograd, JAX and torch.func: grad(f) is a function, so
// grad(grad(f)) works, and every transform nests (grad of jacobian, hessian of grad). When the inputs already
// carry a graph (an outer transform differentiates through this one), the backward pass is recorded so the
// outer transform can differentiate the result again. bindings/js/transforms.js mirrors this in JS.
#pragma once
#include <functional>
#include <utility>
#include <vector>

#include "nabla/tensor/tensor.h"

namespace nabla {

using TensorFn = std::function<Tensor(const Tensor&)>;
/// A function of several tensors, for the argnums forms of grad and value_and_grad.
using TensorListFn = std::function<Tensor(const std::vector<Tensor>&)>;
/// Which arguments to differentiate: distinct indices into the argument list.
using Argnums = std::vector<int>;

/// grad(f)(x) = df/dx for a scalar-valued f. The result is differentiable whenever x is.
TensorFn grad(TensorFn f);
/// grad(f, argnums)(args) = {df/d args[i] for i in argnums}. IndexError for an argnum out of range,
/// ValueError for a repeated one, AutogradError when f is not scalar-valued.
std::function<std::vector<Tensor>(const std::vector<Tensor>&)> grad(TensorListFn f, Argnums argnums);

/// value_and_grad(f)(x) = {f(x), df/dx}.
std::function<std::pair<Tensor, Tensor>(const Tensor&)> value_and_grad(TensorFn f);
std::function<std::pair<Tensor, std::vector<Tensor>>(const std::vector<Tensor>&)> value_and_grad(TensorListFn f,
                                                                                                 Argnums argnums);

/// elementwise_grad(f)(x) = d sum(f(x))/dx: f'(x) elementwise for an elementwise f (HIPS autograd).
TensorFn elementwise_grad(TensorFn f);

/// jacobian(f)(x), of shape [...f(x).shape, ...x.shape]: one reverse pass per element of f(x).
TensorFn jacobian(TensorFn f);

/// hessian(f)(x) = jacobian(grad(f))(x) for a scalar-valued f, of shape [...x.shape, ...x.shape].
TensorFn hessian(TensorFn f);

/// jvp(f, x, v) = {f(x), J(x)·v}: forward mode, exact, by two reverse passes (u -> Jᵀu is linear in u, so
/// the gradient of <Jᵀu, v> with respect to u is Jv). ShapeError when v does not fit x.
std::pair<Tensor, Tensor> jvp(const TensorFn& f, const Tensor& x, const Tensor& v);

/// vjp(f, x) = {f(x), u -> uᵀJ(x)}; the returned function holds the graph and can be called many times.
std::pair<Tensor, TensorFn> vjp(const TensorFn& f, const Tensor& x);

/// Hessian-vector product H(x)·v of a scalar-valued f, by differentiating <grad f(x), v>.
Tensor hvp(const TensorFn& f, const Tensor& x, const Tensor& v);

}  // namespace nabla
