// Ops that move elements without changing them.
//
// Derivatives:
//   reshape(x, s)         dx += reshape(dy, x.shape)
//   permute(x, order)     dx += permute(dy, inverse(order))
//   transpose(x, a, b)    = permute with a and b swapped                    (composed)
//   concat(xs, axis)      dx_i += slice(dy, axis, offset_i, offset_i + n_i)
//   slice(x, ...)         dx += dy scattered into zeros at the sliced positions
//   index_select(x, a, i) dx += index_add(dy, ...): dy scatter-added at the selected positions
//   roll(x, s, a)         dx += roll(dy, -s, a)
//   slice_backward(d)     dd += slice(...)          index_add(d)  dd += index_select(...)   (adjoint pairs:
//                         so the backwards of slice and index_select differentiate again)
#include "nabla/ops/layout.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "broadcast.h"
#include "nabla/autograd/node.h"
#include "nabla/error.h"
#include "nabla/tensor/factory.h"

namespace nabla {

using detail::AxisSplit;
using detail::split_at;

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

// ---- concat, slice, index_select: copies of whole inner blocks, so no per-element index arithmetic ----

namespace {
// Rows start, start+step, ... (count of them) of `from` along the split axis, copied into `to` (or added,
// for the scatter that undoes a slice). from_size/to_size are the axis sizes of the two tensors.
void copy_rows(const float* from, int64_t from_size, float* to, int64_t to_size, const AxisSplit& s,
               int64_t count, int64_t from_start, int64_t from_step, int64_t to_start, int64_t to_step) {
  for (int64_t o = 0; o < s.outer; ++o)
    for (int64_t j = 0; j < count; ++j) {
      const float* src = from + (o * from_size + from_start + j * from_step) * s.inner;
      std::copy(src, src + s.inner, to + (o * to_size + to_start + j * to_step) * s.inner);
    }
}

// The scatter that undoes slice: dy placed at rows start, start+step, ... of zeros(shape).
Tensor slice_backward(const Tensor& dy, const Shape& shape, int axis, int64_t start, int64_t step) {
  Tensor out = zeros(shape);
  AxisSplit s = split_at(shape, axis);
  copy_rows(dy.data(), dy.shape()[axis], out.data(), s.size, s, dy.shape()[axis], 0, 1, start, step);
  return record("slice_backward", out, {dy}, [axis, start, step, n = dy.shape()[axis]](const Tensor& d2,
                                                                                         Grads& g) {
    g[0] += slice(d2, axis, start, start + (n - 1) * step + 1, step);
  });
}

// The scatter-add that undoes index_select: row k of dy is added to row index[k] of zeros(shape).
Tensor index_add(const Tensor& dy, const Shape& shape, int axis, const std::vector<int64_t>& index) {
  Tensor out = zeros(shape);
  AxisSplit s = split_at(shape, axis);
  int64_t n = static_cast<int64_t>(index.size());
  const float* src = dy.data();
  float* dst = out.data();
  for (int64_t o = 0; o < s.outer; ++o)
    for (int64_t k = 0; k < n; ++k) {
      const float* a = src + (o * n + k) * s.inner;
      float* b = dst + (o * s.size + index[k]) * s.inner;
      for (int64_t i = 0; i < s.inner; ++i) b[i] += a[i];
    }
  return record("index_add", out, {dy}, [axis, index](const Tensor& d2, Grads& g) {
    g[0] += index_select(d2, axis, index);
  });
}
}  // namespace

Tensor concat(const std::vector<Tensor>& xs, int64_t axis) {
  if (xs.empty()) throw ValueError("concat: no tensors to join");
  const Shape& first = xs[0].shape();
  if (first.rank() == 0) throw ShapeError("concat: cannot join rank-0 tensors (shape [])");
  int ax = normalize_axis(axis, first.rank(), "concat");
  Shape out_shape = first;
  out_shape[ax] = 0;
  for (size_t k = 0; k < xs.size(); ++k) {
    const Shape& sk = xs[k].shape();
    bool fits = sk.rank() == first.rank();
    for (int d = 0; fits && d < first.rank(); ++d) fits = d == ax || sk[d] == first[d];
    if (!fits)
      throw ShapeError("concat: tensor " + std::to_string(k) + " has shape " + sk.str() +
                       ", which does not match " + first.str() + " outside axis " + std::to_string(ax));
    out_shape[ax] += sk[ax];
  }
  Tensor out = Tensor::empty(out_shape);
  AxisSplit s = split_at(out_shape, ax);
  std::vector<int64_t> offsets;
  int64_t offset = 0;
  for (const Tensor& x : xs) {
    int64_t n = x.shape()[ax];
    copy_rows(x.data(), n, out.data(), s.size, s, n, 0, 1, offset, 1);
    offsets.push_back(offset);
    offset += n;
  }
  return record("concat", out, xs, [ax, offsets, sizes = [&] {
                  std::vector<int64_t> v;
                  for (const Tensor& x : xs) v.push_back(x.shape()[ax]);
                  return v;
                }()](const Tensor& dy, Grads& g) {
    for (int k = 0; k < g.size(); ++k)
      if (g.needs(k)) g[k] += slice(dy, ax, offsets[k], offsets[k] + sizes[k]);
  });
}

Tensor slice(const Tensor& x, int64_t axis, int64_t start, int64_t end, int64_t step) {
  if (x.rank() == 0) throw ShapeError("slice: cannot slice a rank-0 tensor");
  int ax = normalize_axis(axis, x.rank(), "slice");
  if (step <= 0) throw ValueError("slice: step must be positive, got " + std::to_string(step));
  int64_t size = x.shape()[ax];
  // Python slicing: negative bounds count from the end, then both are clipped to [0, size].
  auto clip = [size](int64_t v) { return std::clamp(v < 0 ? v + size : v, int64_t{0}, size); };
  int64_t lo = clip(start), hi = clip(end);
  int64_t count = hi > lo ? (hi - lo + step - 1) / step : 0;
  Shape out_shape = x.shape();
  out_shape[ax] = count;
  Tensor out = Tensor::empty(out_shape);
  copy_rows(x.data(), size, out.data(), count, split_at(x.shape(), ax), count, lo, step, 0, 1);
  return record("slice", out, {x}, [sx = x.shape(), ax, lo, step](const Tensor& dy, Grads& g) {
    g[0] += slice_backward(dy, sx, ax, lo, step);
  });
}

Tensor index_select(const Tensor& x, int64_t axis, const std::vector<int64_t>& index) {
  if (x.rank() == 0) throw ShapeError("index_select: cannot index a rank-0 tensor");
  int ax = normalize_axis(axis, x.rank(), "index_select");
  int64_t size = x.shape()[ax];
  for (size_t k = 0; k < index.size(); ++k)
    if (index[k] < 0 || index[k] >= size)
      throw IndexError("index_select: index " + std::to_string(index[k]) + " at position " +
                       std::to_string(k) + " is out of range for axis " + std::to_string(axis) +
                       " of size " + std::to_string(size) + " (shape " + x.shape().str() + ")");
  Shape out_shape = x.shape();
  out_shape[ax] = static_cast<int64_t>(index.size());
  Tensor out = Tensor::empty(out_shape);
  AxisSplit s = split_at(x.shape(), ax);
  int64_t n = static_cast<int64_t>(index.size());
  for (int64_t o = 0; o < s.outer; ++o)
    for (int64_t k = 0; k < n; ++k) {
      const float* src = x.data() + (o * size + index[k]) * s.inner;
      std::copy(src, src + s.inner, out.data() + (o * n + k) * s.inner);
    }
  return record("index_select", out, {x}, [sx = x.shape(), ax, index](const Tensor& dy, Grads& g) {
    g[0] += index_add(dy, sx, ax, index);
  });
}

// roll is a permutation of the elements: its backward is the inverse permutation, itself differentiable.
Tensor roll(const Tensor& x, int64_t shift, int64_t axis) {
  if (x.rank() == 0) throw ShapeError("roll: cannot roll a rank-0 tensor");
  int ax = normalize_axis(axis, x.rank(), "roll");
  AxisSplit s = split_at(x.shape(), ax);
  const int64_t n = s.size;
  const int64_t k = n == 0 ? 0 : ((shift % n) + n) % n;  // element i moves to (i + shift) mod n, as np.roll
  Tensor out = Tensor::empty(x.shape());
  for (int64_t o = 0; o < s.outer; ++o)
    for (int64_t i = 0; i < n; ++i) {
      const float* src = x.data() + (o * n + i) * s.inner;
      std::copy(src, src + s.inner, out.data() + (o * n + (i + k) % n) * s.inner);
    }
  return record("roll", out, {x}, [shift, ax](const Tensor& dy, Grads& g) { g[0] += roll(dy, -shift, ax); });
}

}  // namespace nabla
