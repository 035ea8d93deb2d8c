// Arithmetic ops with broadcasting.
//
// Derivatives (every binary op reduces its input gradients with sum_to):
//   add(a, b)     da += dy                      db += dy
//   sub(a, b)     da += dy                      db += -dy
//   mul(a, b)     da += dy * b                  db += dy * a
//   div(a, b)     da += dy / b                  db += -dy * ((a / b) / b)
//   neg(x)        dx += -dy
//   pow(a, b)     da += dy * b * a^(b-1)        db += dy * a^b * log(a)   (0 where a == 0)
//   pow(x, p)     dx += dy * p * x^(p-1)
//   add(x, s)     dx += dy
//   mul(x, s)     dx += dy * s
//   sum_to(x, s)  dx += expand(dy, x.shape)
//   expand(x, s)  dx += sum_to(dy, x.shape)
#include "nabla/ops/arith.h"

#include <algorithm>
#include <cmath>

#include "broadcast.h"
#include "nabla/autograd/node.h"
#include "nabla/error.h"
#include "nabla/ops/unary.h"

namespace nabla {

using detail::binary_kernel;
using detail::unary_kernel;

Tensor add(const Tensor& a, const Tensor& b) {
  return record("add", binary_kernel(a, b, "add", [](float x, float y) { return x + y; }), {a, b},
                [sa = a.shape(), sb = b.shape()](const Tensor& dy, Grads& g) {
                  if (g.needs(0)) g[0] += sum_to(dy, sa);
                  if (g.needs(1)) g[1] += sum_to(dy, sb);
                });
}

Tensor sub(const Tensor& a, const Tensor& b) {
  return record("sub", binary_kernel(a, b, "sub", [](float x, float y) { return x - y; }), {a, b},
                [sa = a.shape(), sb = b.shape()](const Tensor& dy, Grads& g) {
                  if (g.needs(0)) g[0] += sum_to(dy, sa);
                  if (g.needs(1)) g[1] += sum_to(neg(dy), sb);
                });
}

Tensor mul(const Tensor& a, const Tensor& b) {
  return record("mul", binary_kernel(a, b, "mul", [](float x, float y) { return x * y; }), {a, b},
                [a, b](const Tensor& dy, Grads& g) {
                  if (g.needs(0)) g[0] += sum_to(mul(dy, b), a.shape());
                  if (g.needs(1)) g[1] += sum_to(mul(dy, a), b.shape());
                });
}

Tensor div(const Tensor& a, const Tensor& b) {
  return record("div", binary_kernel(a, b, "div", [](float x, float y) { return x / y; }), {a, b},
                [a, b](const Tensor& dy, Grads& g) {
                  if (g.needs(0)) g[0] += sum_to(div(dy, b), a.shape());
                  // NOTE: (a / b) / b, not a / b^2: each further order squares b again, and b^(2^k)
                  // overflows float in the 4th derivative of HIPS's tanh at x = -7 (PyTorch's form).
                  if (g.needs(1)) g[1] += sum_to(neg(mul(dy, div(div(a, b), b))), b.shape());
                });
}

Tensor neg(const Tensor& x) {
  return record("neg", unary_kernel(x, [](float v) { return -v; }), {x},
                [](const Tensor& dy, Grads& g) { g[0] += neg(dy); });
}

Tensor pow(const Tensor& a, const Tensor& b) {
  return record("pow", binary_kernel(a, b, "pow", [](float x, float y) { return std::pow(x, y); }),
                {a, b}, [a, b](const Tensor& dy, Grads& g) {
                  if (g.needs(0)) g[0] += sum_to(mul(dy, mul(b, pow(a, add(b, -1.0f)))), a.shape());
                  if (g.needs(1)) {
                    // NOTE: log(a) is -inf at a == 0, where a^b's slope in b is 0 (for b > 0): use log(1).
                    Tensor safe_log = log(add(a, binary_kernel(a, a, "pow", [](float x, float) {
                                                 return x == 0.0f ? 1.0f : 0.0f;
                                               })));
                    g[1] += sum_to(mul(dy, mul(pow(a, b), safe_log)), b.shape());
                  }
                });
}

Tensor pow(const Tensor& x, float p) {
  return record("pow", unary_kernel(x, [p](float v) { return std::pow(v, p); }), {x},
                [x, p](const Tensor& dy, Grads& g) {
                  if (p == 0.0f) return;
                  g[0] += mul(dy, mul(pow(x, p - 1.0f), p));
                });
}

Tensor add(const Tensor& x, float s) {
  return record("add", unary_kernel(x, [s](float v) { return v + s; }), {x},
                [](const Tensor& dy, Grads& g) { g[0] += dy; });
}

Tensor mul(const Tensor& x, float s) {
  return record("mul", unary_kernel(x, [s](float v) { return v * s; }), {x},
                [s](const Tensor& dy, Grads& g) { g[0] += mul(dy, s); });
}

namespace detail {
Tensor reduce_to(const Tensor& x, const Shape& shape) {
  Tensor out = Tensor::empty(shape);
  float* z = out.data();
  const float* in = x.data();
  int64_t n = x.numel(), m = shape.numel();
  std::fill(z, z + m, 0.0f);
  if (m == 1) {
    double total = 0;
    for (int64_t i = 0; i < n; ++i) total += in[i];
    z[0] = static_cast<float>(total);
    return out;
  }
  Shape padded;
  for (int i = 0; i < x.rank() - shape.rank(); ++i) padded.push_back(1);
  for (int64_t d : shape) padded.push_back(d);
  // Fast path: the target is x's trailing block (a bias row), so the result is column sums.
  int lead = 0;
  while (lead < x.rank() && padded[lead] == 1) ++lead;
  bool trailing = true;
  for (int i = lead; i < x.rank(); ++i) trailing = trailing && padded[i] == x.shape()[i];
  if (trailing && n % m == 0) {
    // Column sums, split among threads by column: each column still adds its rows in order.
    parallel_for(0, m, std::max<int64_t>(16, kElementGrain * m / n), [&](int64_t j0, int64_t j1) {
      for (int64_t r = 0; r < n / m; ++r)
        for (int64_t j = j0; j < j1; ++j) z[j] += in[r * m + j];
    });
    return out;
  }
  Shape strides = detail::broadcast_strides(padded, x.shape());
  detail::for_each_broadcast(x.shape(), strides, strides,
                             [&](int64_t k, int64_t j, int64_t) { z[j] += in[k]; });
  return out;
}

Tensor expand_kernel(const Tensor& x, const Shape& shape) {
  Tensor out = Tensor::empty(shape);
  float* z = out.data();
  const float* in = x.data();
  Shape strides = detail::broadcast_strides(x.shape(), shape);
  detail::for_each_broadcast(shape, strides, strides, [&](int64_t k, int64_t i, int64_t) { z[k] = in[i]; });
  return out;
}
}  // namespace detail

Tensor sum_to(const Tensor& x, const Shape& shape) {
  if (x.shape() == shape) return x;
  if (broadcast_shapes(x.shape(), shape, "sum_to") != x.shape())
    throw ShapeError("sum_to: shape " + x.shape().str() + " is not a broadcast of " + shape.str());
  return record("sum_to", detail::reduce_to(x, shape), {x},
                [sx = x.shape()](const Tensor& dy, Grads& g) { g[0] += expand(dy, sx); });
}

Tensor expand(const Tensor& x, const Shape& shape) {
  if (x.shape() == shape) return x;
  if (broadcast_shapes(x.shape(), shape, "expand") != shape)
    throw ShapeError("expand: shape " + x.shape().str() + " cannot be expanded to " + shape.str());
  return record("expand", detail::expand_kernel(x, shape), {x},
                [sx = x.shape()](const Tensor& dy, Grads& g) { g[0] += sum_to(dy, sx); });
}

Tensor operator+(const Tensor& a, const Tensor& b) { return add(a, b); }
Tensor operator-(const Tensor& a, const Tensor& b) { return sub(a, b); }
Tensor operator*(const Tensor& a, const Tensor& b) { return mul(a, b); }
Tensor operator/(const Tensor& a, const Tensor& b) { return div(a, b); }
Tensor operator-(const Tensor& x) { return neg(x); }
Tensor operator+(const Tensor& a, float s) { return add(a, s); }
Tensor operator+(float s, const Tensor& a) { return add(a, s); }
Tensor operator-(const Tensor& a, float s) { return add(a, -s); }
Tensor operator-(float s, const Tensor& a) { return add(neg(a), s); }
Tensor operator*(const Tensor& a, float s) { return mul(a, s); }
Tensor operator*(float s, const Tensor& a) { return mul(a, s); }
Tensor operator/(const Tensor& a, float s) { return mul(a, 1.0f / s); }
Tensor operator/(float s, const Tensor& a) { return mul(pow(a, -1.0f), s); }

}  // namespace nabla
