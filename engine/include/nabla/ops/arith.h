// Arithmetic with NumPy broadcasting, and the one place that undoes broadcasting: sum_to.
#pragma once
#include "nabla/tensor/tensor.h"

namespace nabla {

Tensor add(const Tensor& a, const Tensor& b);
Tensor sub(const Tensor& a, const Tensor& b);
Tensor mul(const Tensor& a, const Tensor& b);
Tensor div(const Tensor& a, const Tensor& b);
Tensor neg(const Tensor& x);
/// a ** b elementwise, both tensors (broadcast).
Tensor pow(const Tensor& a, const Tensor& b);
/// x ** p for a constant exponent.
Tensor pow(const Tensor& x, float p);

/// x + s, x * s for a constant s (no broadcast tensor is made).
Tensor add(const Tensor& x, float s);
Tensor mul(const Tensor& x, float s);

/// Sums `x` over its broadcast dimensions so that it has `shape`: the gradient of a broadcast.
Tensor sum_to(const Tensor& x, const Shape& shape);
/// Repeats `x` along its size-1 (or missing leading) dimensions to `shape`: broadcasting made explicit.
Tensor expand(const Tensor& x, const Shape& shape);

Tensor operator+(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& a, const Tensor& b);
Tensor operator*(const Tensor& a, const Tensor& b);
Tensor operator/(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& x);
Tensor operator+(const Tensor& a, float s);
Tensor operator+(float s, const Tensor& a);
Tensor operator-(const Tensor& a, float s);
Tensor operator-(float s, const Tensor& a);
Tensor operator*(const Tensor& a, float s);
Tensor operator*(float s, const Tensor& a);
Tensor operator/(const Tensor& a, float s);
Tensor operator/(float s, const Tensor& a);

}  // namespace nabla
