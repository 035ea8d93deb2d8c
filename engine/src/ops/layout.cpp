// Ops that move elements without changing them.
//
// Derivatives:
//   reshape(x, s)         dx += reshape(dy, x.shape)
//   permute(x, order)     dx += permute(dy, inverse(order))
//   transpose(x, a, b)    = permute with a and b swapped                    (composed)
//   concat(xs, axis)      dx_i += slice(dy, axis, offset_i, offset_i + n_i)
//   slice(x, ...)         dx += dy scattered into zeros at the sliced positions
//   index_select(x, a, i) dx += dy scatter-added at the selected positions
#include "nabla/ops/layout.h"

#include <numeric>

#include "broadcast.h"
#include "nabla/autograd/node.h"
#include "nabla/error.h"

namespace nabla {

Tensor reshape(const Tensor& x, const std::vector<int64_t>& shape) {
  Shape target;
  int infer = -1;
  int64_t known = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      if (infer >= 0) throw ShapeError("reshape: only one dimension can be -1 in " + Shape(shape).str());
      infer = static_cast<int>(i);
    } else if (shape[i] < 0) {
      throw ShapeError("reshape: negative dimension in " + Shape(shape).str());
    } else {
      known *= shape[i];
    }
    target.push_back(shape[i]);
  }
  if (infer >= 0) {
    if (known == 0 || x.numel() % known != 0)
      throw ShapeError("reshape: cannot infer -1 in " + target.str() + " for " +
                       std::to_string(x.numel()) + " elements of shape " + x.shape().str());
    target[infer] = x.numel() / known;
  }
  if (target.numel() != x.numel())
    throw ShapeError("reshape: shape " + x.shape().str() + " (" + std::to_string(x.numel()) +
                     " elements) cannot become " + target.str() + " (" + std::to_string(target.numel()) +
                     " elements)");
  if (target == x.shape()) return x;
  auto impl = std::make_shared<TensorImpl>();
  impl->shape = target;
  impl->storage = x.impl().storage;
  impl->data = x.impl().data;
  return record("reshape", Tensor(std::move(impl)), {x}, [sx = x.shape()](const Tensor& dy, Grads& g) {
    g[0] += reshape(dy, sx.to_vector());
  });
}

Tensor flatten(const Tensor& x, int64_t start_axis, int64_t end_axis) {
  if (x.rank() == 0) return reshape(x, {1});
  int s = normalize_axis(start_axis, x.rank(), "flatten"), e = normalize_axis(end_axis, x.rank(), "flatten");
  if (s > e)
    throw IndexError("flatten: start axis " + std::to_string(start_axis) + " is after end axis " +
                     std::to_string(end_axis));
  std::vector<int64_t> shape;
  for (int i = 0; i < s; ++i) shape.push_back(x.shape()[i]);
  int64_t n = 1;
  for (int i = s; i <= e; ++i) n *= x.shape()[i];
  shape.push_back(n);
  for (int i = e + 1; i < x.rank(); ++i) shape.push_back(x.shape()[i]);
  return reshape(x, shape);
}

Tensor permute(const Tensor& x, const std::vector<int64_t>& order) {
  int rank = x.rank();
  if (static_cast<int>(order.size()) != rank)
    throw ValueError("permute: order of length " + std::to_string(order.size()) + " for a tensor of rank " +
                     std::to_string(rank));
  std::vector<int> axes(rank), inverse(rank, -1);
  for (int i = 0; i < rank; ++i) {
    axes[i] = normalize_axis(order[i], rank, "permute");
    if (inverse[axes[i]] != -1) throw ValueError("permute: order " + Shape(order).str() + " repeats an axis");
    inverse[axes[i]] = i;
  }
  bool identity = true;
  for (int i = 0; i < rank; ++i) identity = identity && axes[i] == i;
  if (identity) return x;
  Shape out_shape, in_strides = contiguous_strides(x.shape()), walk;
  for (int i = 0; i < rank; ++i) {
    out_shape.push_back(x.shape()[axes[i]]);
    walk.push_back(in_strides[axes[i]]);
  }
  Tensor out = Tensor::empty(out_shape);
  const float* in = x.data();
  float* z = out.data();
  detail::for_each_broadcast(out_shape, walk, walk, [&](int64_t k, int64_t i, int64_t) { z[k] = in[i]; });
  std::vector<int64_t> back(inverse.begin(), inverse.end());
  return record("permute", out, {x}, [back](const Tensor& dy, Grads& g) { g[0] += permute(dy, back); });
}

Tensor transpose(const Tensor& x, int64_t axis0, int64_t axis1) {
  if (x.rank() < 2) {
    normalize_axis(axis0, x.rank(), "transpose");
    normalize_axis(axis1, x.rank(), "transpose");
    return x;
  }
  std::vector<int64_t> order(x.rank());
  std::iota(order.begin(), order.end(), 0);
  std::swap(order[normalize_axis(axis0, x.rank(), "transpose")], order[normalize_axis(axis1, x.rank(), "transpose")]);
  return permute(x, order);
}

}  // namespace nabla
