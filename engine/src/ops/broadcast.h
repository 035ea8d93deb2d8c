// Internal: loops over broadcast operands. Fast paths cover what training does most (same shapes,
// a scalar, a bias row) and split large outputs among the engine's threads (each element is computed alone,
// so any split gives the same bits); the general path walks a multi-index with zero strides on broadcast
// dimensions, on the calling thread.
#pragma once
#include <algorithm>
#include <cstdint>

#include "nabla/parallel/threads.h"
#include "nabla/tensor/shape.h"
#include "nabla/tensor/tensor.h"

namespace nabla::detail {

/// x's shape split around `axis` into (outer, size, inner): element (o, j, i) is at (o*size + j)*inner + i.
struct AxisSplit {
  int64_t outer = 1, size = 1, inner = 1;
};
inline AxisSplit split_at(const Shape& s, int axis) {
  AxisSplit r;
  for (int i = 0; i < s.rank(); ++i) (i < axis ? r.outer : i == axis ? r.size : r.inner) *= s[i];
  return r;
}

/// Strides of `in` seen through the broadcast `out` shape: 0 where `in` is broadcast.
inline Shape broadcast_strides(const Shape& in, const Shape& out) {
  Shape strides = out;
  Shape own = contiguous_strides(in);
  int offset = out.rank() - in.rank();
  for (int i = 0; i < out.rank(); ++i) {
    int j = i - offset;
    strides[i] = (j < 0 || in[j] == 1) ? 0 : own[j];
  }
  return strides;
}

/// Calls body(out_index, a_index, b_index) for each element of `out`, in order.
template <typename Body>
void for_each_broadcast(const Shape& out, const Shape& sa, const Shape& sb, Body body) {
  int rank = out.rank();
  int64_t n = out.numel();
  if (n == 0) return;
  int64_t idx[Shape::kMaxRank] = {};
  int64_t ia = 0, ib = 0;
  for (int64_t k = 0; k < n; ++k) {
    body(k, ia, ib);
    for (int d = rank - 1; d >= 0; --d) {
      ia += sa[d];
      ib += sb[d];
      if (++idx[d] < out[d]) break;
      ia -= sa[d] * out[d];
      ib -= sb[d] * out[d];
      idx[d] = 0;
    }
  }
}

/// z = f(a, b) with broadcasting; `op` names the op in shape errors.
template <typename F>
Tensor binary_kernel(const Tensor& a, const Tensor& b, const char* op, F f) {
  Shape shape = broadcast_shapes(a.shape(), b.shape(), op);
  Tensor out = Tensor::empty(shape);
  float* z = out.data();
  const float* x = a.data();
  const float* y = b.data();
  int64_t n = out.numel(), na = a.numel(), nb = b.numel();
  if (na == n && nb == n) {
    parallel_elements(n, [&](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i) z[i] = f(x[i], y[i]);
    });
  } else if (nb == 1 && na == n) {
    float v = y[0];
    parallel_elements(n, [&](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i) z[i] = f(x[i], v);
    });
  } else if (na == 1 && nb == n) {
    float v = x[0];
    parallel_elements(n, [&](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i) z[i] = f(v, y[i]);
    });
  } else if (na == n && nb > 0 && b.rank() <= a.rank() && b.shape() == [&] {
               Shape tail;
               for (int i = a.rank() - b.rank(); i < a.rank(); ++i) tail.push_back(a.shape()[i]);
               return tail;
             }()) {
    // b is a trailing block repeated over the leading dimensions: a bias row.
    parallel_for(0, n / nb, std::max<int64_t>(1, kElementGrain / nb), [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; ++r)
        for (int64_t j = 0; j < nb; ++j) z[r * nb + j] = f(x[r * nb + j], y[j]);
    });
  } else {
    for_each_broadcast(shape, broadcast_strides(a.shape(), shape), broadcast_strides(b.shape(), shape),
                       [&](int64_t k, int64_t i, int64_t j) { z[k] = f(x[i], y[j]); });
  }
  return out;
}

/// Sums x (a broadcast of `shape`) down to `shape`; no graph.
Tensor reduce_to(const Tensor& x, const Shape& shape);
/// Repeats x (broadcastable to `shape`) up to `shape`; no graph.
Tensor expand_kernel(const Tensor& x, const Shape& shape);

/// y = f(x) elementwise.
template <typename F>
Tensor unary_kernel(const Tensor& x, F f) {
  Tensor out = Tensor::empty(x.shape());
  const float* in = x.data();
  float* z = out.data();
  parallel_elements(x.numel(), [&](int64_t lo, int64_t hi) {
    for (int64_t i = lo; i < hi; ++i) z[i] = f(in[i]);
  });
  return out;
}

}  // namespace nabla::detail
