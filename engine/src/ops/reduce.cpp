// Reductions.
//
// Derivatives (K = x's shape with the reduced axes kept as size 1):
//   sum(x)             dx += expand(dy, x.shape)
//   sum(x, axes)       dx += expand(reshape(dy, K), x.shape)
//   mean(x, axes)      = sum(x, axes) / n                          (composed)
//   max(x)             dx += dy * onehot(first argmax)
//   max(x, axis)       dx += expand(reshape(dy, K), x.shape) * onehot(first argmax along axis)
#include "nabla/ops/reduce.h"

#include <algorithm>
#include <string>
#include <vector>

#include "broadcast.h"
#include "nabla/autograd/node.h"
#include "nabla/error.h"
#include "nabla/ops/arith.h"
#include "nabla/ops/layout.h"
#include "nabla/tensor/factory.h"

namespace nabla {

using detail::AxisSplit;
using detail::split_at;

namespace {
// `shape` with the reduced axes kept as size 1. An axis named twice is an error, as in PyTorch ("dim 0
// appears multiple times"): silently reducing it once would hide a caller's bug.
Shape keepdim_shape(const Shape& shape, const std::vector<int64_t>& axes, const char* op) {
  Shape keep = shape;
  std::vector<bool> seen(shape.rank(), false);
  for (int64_t a : axes) {
    const int axis = normalize_axis(a, shape.rank(), op);
    if (seen[axis]) {
      throw ValueError(std::string(op) + ": axis " + std::to_string(a) + " (dimension " + std::to_string(axis) +
                       ") appears more than once in the axes of a tensor of shape " + shape.str());
    }
    seen[axis] = true;
    keep[axis] = 1;
  }
  return keep;
}

// A view of `t`'s data under another shape with the same element count.
Tensor with_shape(Tensor t, const Shape& shape) {
  t.impl().shape = shape;
  return t;
}

}  // namespace

Tensor sum(const Tensor& x) {
  return record("sum", detail::reduce_to(x, Shape{}), {x},
                [sx = x.shape()](const Tensor& dy, Grads& g) { g[0] += expand(dy, sx); });
}

Tensor sum(const Tensor& x, const std::vector<int64_t>& axes, bool keepdim) {
  Shape keep = keepdim_shape(x.shape(), axes, "sum");
  Shape out_shape = keep;
  if (!keepdim) {
    // Remove exactly the reduced axes (an axis of size 1 that was not reduced stays).
    std::vector<bool> reduced(x.rank(), false);
    for (int64_t a : axes) reduced[normalize_axis(a, x.rank(), "sum")] = true;
    out_shape = Shape();
    for (int i = 0; i < x.rank(); ++i)
      if (!reduced[i]) out_shape.push_back(x.shape()[i]);
  }
  Tensor out = with_shape(detail::reduce_to(x, keep), out_shape);
  return record("sum", out, {x}, [sx = x.shape(), keep](const Tensor& dy, Grads& g) {
    g[0] += expand(reshape(dy, keep.to_vector()), sx);
  });
}

Tensor mean(const Tensor& x) {
  if (x.numel() == 0) throw ValueError("mean: tensor of shape " + x.shape().str() + " is empty");
  return mul(sum(x), 1.0f / static_cast<float>(x.numel()));
}

Tensor mean(const Tensor& x, const std::vector<int64_t>& axes, bool keepdim) {
  keepdim_shape(x.shape(), axes, "mean");  // errors name mean, not the sum it is built from
  Tensor s = sum(x, axes, keepdim);
  int64_t n = s.numel() == 0 ? 0 : x.numel() / s.numel();
  if (n == 0) throw ValueError("mean: reducing an empty axis of shape " + x.shape().str());
  return mul(s, 1.0f / static_cast<float>(n));
}

Tensor max(const Tensor& x) {
  if (x.numel() == 0) throw ValueError("max: tensor of shape " + x.shape().str() + " is empty");
  const float* p = x.data();
  int64_t best = std::max_element(p, p + x.numel()) - p;
  return record("max", scalar(p[best]), {x}, [sx = x.shape(), best](const Tensor& dy, Grads& g) {
    Tensor onehot = Tensor::empty(sx);
    std::fill(onehot.data(), onehot.data() + onehot.numel(), 0.0f);
    onehot.data()[best] = 1.0f;
    g[0] += mul(expand(dy, sx), onehot);
  });
}

namespace {

// Along axis `ax` of x (not empty): for each output element (outer o, inner i, in that order), the flat
// index in x of the largest element (the first on ties) and its position along the axis.
struct AxisArgmax {
  std::vector<int64_t> flat, position;
};
// `axis` is the caller's (perhaps negative) axis, for the message.
AxisArgmax argmax_along(const Tensor& x, int ax, int64_t axis, const char* op) {
  if (x.shape()[ax] == 0)
    throw ValueError(std::string(op) + ": axis " + std::to_string(axis) + " of shape " + x.shape().str() + " is empty");
  AxisSplit s = split_at(x.shape(), ax);
  AxisArgmax r;
  const float* p = x.data();
  for (int64_t o = 0; o < s.outer; ++o)
    for (int64_t i = 0; i < s.inner; ++i) {
      int64_t base = o * s.size * s.inner + i, best = 0;
      for (int64_t j = 1; j < s.size; ++j)
        if (p[base + j * s.inner] > p[base + best * s.inner]) best = j;
      r.flat.push_back(base + best * s.inner);
      r.position.push_back(best);
    }
  return r;
}

Shape without_axis(const Shape& shape, int ax) {
  Shape out;
  for (int i = 0; i < shape.rank(); ++i)
    if (i != ax) out.push_back(shape[i]);
  return out;
}

}  // namespace

Tensor max(const Tensor& x, int64_t axis, bool keepdim) {
  int ax = normalize_axis(axis, x.rank(), "max");
  if (x.rank() == 0) return max(x);
  Shape keep = keepdim_shape(x.shape(), {axis}, "max");
  AxisArgmax best = argmax_along(x, ax, axis, "max");
  Tensor out = Tensor::empty(keep);
  Tensor onehot = Tensor::empty(x.shape());
  std::fill(onehot.data(), onehot.data() + onehot.numel(), 0.0f);
  for (size_t k = 0; k < best.flat.size(); ++k) {
    out.data()[k] = x.data()[best.flat[k]];
    onehot.data()[best.flat[k]] = 1.0f;
  }
  return record("max", with_shape(out, keepdim ? keep : without_axis(x.shape(), ax)), {x},
                [sx = x.shape(), keep, onehot](const Tensor& dy, Grads& g) {
                  g[0] += mul(expand(reshape(dy, keep.to_vector()), sx), onehot);
                });
}

Tensor argmax(const Tensor& x, int64_t axis) {
  int ax = normalize_axis(axis, x.rank(), "argmax");
  if (x.rank() == 0) return Tensor::from_vector({0.0f}, Shape{});
  AxisArgmax best = argmax_along(x, ax, axis, "argmax");
  Tensor out = Tensor::empty(without_axis(x.shape(), ax));
  for (size_t k = 0; k < best.position.size(); ++k) out.data()[k] = static_cast<float>(best.position[k]);
  return out;
}

}  // namespace nabla
