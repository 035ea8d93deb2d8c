// Elementwise functions of one tensor. Backward closures use tensor ops, so they are differentiable again.
//
// Derivatives:
//   exp(x)            dx += dy * exp(x)
//   log(x)            dx += dy / x
//   sqrt(x)           dx += dy / (2 sqrt(x))
//   abs(x)            dx += dy * sign(x)                     (0 at 0)
//   sin(x)            dx += dy * cos(x)
//   cos(x)            dx += -dy * sin(x)
//   tanh(x)           dx += dy * (1 - tanh(x)^2)
//   sigmoid(x)        dx += dy * s(x) * (1 - s(x))
//   relu(x)           dx += dy * [x > 0]
//   leaky_relu(x, a)  dx += dy * ([x > 0] + a [x <= 0])
//   gelu(x)           dx += dy * (Phi(x) + x phi(x))
//   softplus(x)       dx += dy * sigmoid(x)
//   clamp(x, lo, hi)  dx += dy * [lo <= x <= hi]
#include "nabla/ops/unary.h"

#include <cmath>
#include <string>

#include "broadcast.h"
#include "nabla/autograd/grad_mode.h"
#include "nabla/autograd/node.h"
#include "nabla/error.h"
#include "nabla/ops/arith.h"
#include "tanh_kernel.h"

namespace nabla {

using detail::unary_kernel;

namespace {
// A constant mask (no graph): the derivative of piecewise-linear ops.
template <typename Pred>
Tensor mask(const Tensor& x, Pred pred) {
  return unary_kernel(x, [pred](float v) { return pred(v) ? 1.0f : 0.0f; });
}
// NOTE: a plain backward (grad mode off) takes the one-pass kernel below, on the saved output or input;
// a recorded backward (create_graph) recomputes with tensor ops so that it can be differentiated again.
// A saved output is a detached alias of the result's storage: it holds no graph, so no node owns itself.
template <typename F>
Tensor fused_backward(const Tensor& dy, const Tensor& saved, F f) {
  return detail::binary_kernel(dy, saved, "backward", f);
}
constexpr float kInvSqrt2 = 0.70710678118654752f;
constexpr float kInvSqrt2Pi = 0.39894228040143268f;
}  // namespace

Tensor exp(const Tensor& x) {
  return record("exp", unary_kernel(x, [](float v) { return std::exp(v); }), {x},
                [x](const Tensor& dy, Grads& g) { g[0] += mul(dy, exp(x)); });
}

Tensor log(const Tensor& x) {
  return record("log", unary_kernel(x, [](float v) { return std::log(v); }), {x},
                [x](const Tensor& dy, Grads& g) { g[0] += div(dy, x); });
}

Tensor sqrt(const Tensor& x) {
  return record("sqrt", unary_kernel(x, [](float v) { return std::sqrt(v); }), {x},
                [x](const Tensor& dy, Grads& g) { g[0] += div(dy, mul(sqrt(x), 2.0f)); });
}

Tensor abs(const Tensor& x) {
  return record("abs", unary_kernel(x, [](float v) { return std::fabs(v); }), {x},
                [x](const Tensor& dy, Grads& g) {
                  g[0] += mul(dy, unary_kernel(x, [](float v) { return float((v > 0) - (v < 0)); }));
                });
}

// sin and cos are each other's derivative (up to sign), so every order stays a product of the two.
Tensor sin(const Tensor& x) {
  return record("sin", unary_kernel(x, [](float v) { return std::sin(v); }), {x},
                [x](const Tensor& dy, Grads& g) { g[0] += mul(dy, cos(x)); });
}

Tensor cos(const Tensor& x) {
  return record("cos", unary_kernel(x, [](float v) { return std::cos(v); }), {x},
                [x](const Tensor& dy, Grads& g) { g[0] += neg(mul(dy, sin(x))); });
}

// tanh: y = tanh(x);  dx += dy * (1 - tanh(x)^2)
Tensor tanh(const Tensor& x) {
  Tensor y = Tensor::empty(x.shape());
  // A vectorised rational approximation, several times libm's speed; chunks of whole vectors.
  const float* in = x.data();
  float* out = y.data();
  parallel_elements(x.numel(), [&](int64_t lo, int64_t hi) { detail::tanh_kernel(in + lo, out + lo, hi - lo); });
  Tensor saved = y.detach();
  return record("tanh", std::move(y), {x}, [x = x, y = std::move(saved)](const Tensor& dy, Grads& g) {
    if (!is_grad_enabled()) {
      g[0] += fused_backward(dy, y, [](float d, float t) { return d * (1.0f - t * t); });
      return;
    }
    Tensor t = tanh(x);
    g[0] += mul(dy, 1.0f - t * t);
  });
}

Tensor sigmoid(const Tensor& x) {
  auto stable = [](float v) {
    // e^-|v| never overflows; the two branches are the same function.
    float e = std::exp(-std::fabs(v));
    return v >= 0 ? 1.0f / (1.0f + e) : e / (1.0f + e);
  };
  Tensor y = unary_kernel(x, stable);
  return record("sigmoid", y, {x}, [x, y = y.detach()](const Tensor& dy, Grads& g) {
    if (!is_grad_enabled()) {
      g[0] += fused_backward(dy, y, [](float d, float s) { return d * s * (1.0f - s); });
      return;
    }
    Tensor s = sigmoid(x);
    g[0] += mul(dy, s * (1.0f - s));
  });
}

Tensor relu(const Tensor& x) {
  return record("relu", unary_kernel(x, [](float v) { return v > 0 ? v : 0.0f; }), {x},
                [x](const Tensor& dy, Grads& g) {
                  if (!is_grad_enabled())
                    g[0] += fused_backward(dy, x, [](float d, float v) { return v > 0 ? d : 0.0f; });
                  else
                    g[0] += mul(dy, mask(x, [](float v) { return v > 0; }));
                });
}

Tensor leaky_relu(const Tensor& x, float slope) {
  return record("leaky_relu", unary_kernel(x, [slope](float v) { return v > 0 ? v : slope * v; }), {x},
                [x, slope](const Tensor& dy, Grads& g) {
                  g[0] += mul(dy, unary_kernel(x, [slope](float v) { return v > 0 ? 1.0f : slope; }));
                });
}

namespace {
// Phi(x), the standard normal CDF, as a differentiable composition: its derivative is phi(x).
Tensor normal_cdf(const Tensor& x);
Tensor normal_pdf(const Tensor& x) { return mul(exp(mul(x * x, -0.5f)), kInvSqrt2Pi); }
Tensor normal_cdf(const Tensor& x) {
  return record("normal_cdf",
                unary_kernel(x, [](float v) { return 0.5f * (1.0f + std::erf(v * kInvSqrt2)); }), {x},
                [x](const Tensor& dy, Grads& g) { g[0] += mul(dy, normal_pdf(x)); });
}
}  // namespace

Tensor gelu(const Tensor& x) {
  return record("gelu",
                unary_kernel(x, [](float v) { return v * 0.5f * (1.0f + std::erf(v * kInvSqrt2)); }),
                {x}, [x](const Tensor& dy, Grads& g) {
                  g[0] += mul(dy, normal_cdf(x) + x * normal_pdf(x));
                });
}

Tensor softplus(const Tensor& x) {
  // log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no overflow at x = 1e4.
  auto stable = [](float v) { return std::fmax(v, 0.0f) + std::log1p(std::exp(-std::fabs(v))); };
  return record("softplus", unary_kernel(x, stable), {x},
                [x](const Tensor& dy, Grads& g) { g[0] += mul(dy, sigmoid(x)); });
}

Tensor clamp(const Tensor& x, float lo, float hi) {
  if (lo > hi)
    throw ValueError("clamp: lower bound " + std::to_string(lo) + " is above upper bound " +
                     std::to_string(hi));
  return record("clamp", unary_kernel(x, [lo, hi](float v) { return std::fmin(std::fmax(v, lo), hi); }),
                {x}, [x, lo, hi](const Tensor& dy, Grads& g) {
                  g[0] += mul(dy, mask(x, [lo, hi](float v) { return v >= lo && v <= hi; }));
                });
}

}  // namespace nabla
