// batch_norm: one fused forward and, on a first-order backward, one fused backward. The composed ops it
// replaces (mean over N, H, W, broadcasts, sum_to) cost 55 ms for fwd+bwd of (64, 12, 24, 24); this is a few.
// Shapes: x viewed as (N, C, S), S = product of the axes after the channel; n = N * S values per channel.
//
// Derivatives, with xhat = (x - mean) * rstd, rstd = 1 / sqrt(var + eps), g = weight (1 without affine):
//   training   dx += g rstd (dy - mean_c(dy) - xhat mean_c(dy xhat))     (mean and var depend on x)
//   eval       dx += g rstd dy                                           (running statistics are constants)
//   both       dweight += sum_c(dy xhat)    dbias += sum_c(dy)
// With grad mode on (grad of grad) the same formulas are written with ops, so they differentiate again.
#include "nabla/ops/norm.h"

#include <cmath>
#include <string>
#include <vector>

#include "nabla/autograd/grad_mode.h"
#include "nabla/autograd/node.h"
#include "nabla/error.h"
#include "nabla/ops/arith.h"
#include "nabla/ops/layout.h"
#include "nabla/ops/reduce.h"
#include "nabla/ops/unary.h"

namespace nabla {

namespace {

struct Layout {
  int64_t n, c, s;  // batch, channels, values per channel and sample
};

// Per-channel statistics (C), shaped to broadcast against x: (1, C, 1, ...).
Tensor channel_view(const Tensor& v, int rank) {
  std::vector<int64_t> shape(rank, 1);
  shape[1] = v.numel();
  return reshape(v, shape);
}

std::vector<int64_t> reduce_axes(int rank) {
  std::vector<int64_t> axes{0};
  for (int a = 2; a < rank; ++a) axes.push_back(a);
  return axes;
}

}  // namespace

Tensor batch_norm(const Tensor& x, const Tensor& weight, const Tensor& bias, Tensor& running_mean,
                  Tensor& running_var, bool training, float momentum, float eps) {
  if (x.rank() < 2) throw ShapeError("batch_norm: expected input (N, C, ...), got " + x.shape().str());
  const Layout L{x.shape()[0], x.shape()[1], x.numel() / (x.shape()[0] * x.shape()[1])};
  const int64_t count = L.n * L.s;
  if (running_mean.numel() != L.c || running_var.numel() != L.c ||
      (weight.defined() && weight.numel() != L.c) || (bias.defined() && bias.numel() != L.c))
    throw ShapeError("batch_norm: statistics and affine parameters need " + std::to_string(L.c) +
                     " values for input " + x.shape().str());
  if (training && count < 2)
    throw ValueError("batch_norm: training needs more than one value per channel, got " + x.shape().str());

  // Per channel: the mean and rstd used, in double for the sums.
  Tensor mean_used = Tensor::empty(Shape{L.c}), rstd = Tensor::empty(Shape{L.c});
  const float* xp = x.data();
  for (int64_t c = 0; c < L.c; ++c) {
    double m, v;
    if (training) {
      double s = 0, s2 = 0;
      for (int64_t i = 0; i < L.n; ++i) {
        const float* p = xp + (i * L.c + c) * L.s;
        for (int64_t j = 0; j < L.s; ++j) s += p[j];
      }
      m = s / double(count);
      for (int64_t i = 0; i < L.n; ++i) {
        const float* p = xp + (i * L.c + c) * L.s;
        for (int64_t j = 0; j < L.s; ++j) s2 += (p[j] - m) * (p[j] - m);
      }
      v = s2 / double(count);
      float& rm = running_mean.data()[c];
      float& rv = running_var.data()[c];
      rm = (1 - momentum) * rm + momentum * float(m);
      rv = (1 - momentum) * rv + momentum * float(v * double(count) / double(count - 1));
    } else {
      m = running_mean.data()[c];
      v = running_var.data()[c];
    }
    mean_used.data()[c] = float(m);
    rstd.data()[c] = float(1.0 / std::sqrt(v + double(eps)));
  }
  Tensor y = Tensor::empty(x.shape());
  float* yp = y.data();
  for (int64_t i = 0; i < L.n; ++i)
    for (int64_t c = 0; c < L.c; ++c) {
      const float m = mean_used.data()[c], r = rstd.data()[c];
      const float g = weight.defined() ? weight.data()[c] : 1.0f, b = bias.defined() ? bias.data()[c] : 0.0f;
      const float* p = xp + (i * L.c + c) * L.s;
      float* q = yp + (i * L.c + c) * L.s;
      for (int64_t j = 0; j < L.s; ++j) q[j] = (p[j] - m) * r * g + b;
    }

  std::vector<Tensor> inputs{x};
  if (weight.defined()) inputs.push_back(weight);
  if (bias.defined()) inputs.push_back(bias);
  return record("batch_norm", y, inputs,
                [x, weight, bias, mean_used, rstd, training, eps, L, count](const Tensor& dy, Grads& g) {
    const int rank = x.rank();
    const int wi = 1, bi = weight.defined() ? 2 : 1;
    if (is_grad_enabled()) {
      // Grad of grad: the formulas of the table above, with ops. In training the statistics are recomputed
      // from x, so their dependence on x is part of this graph too.
      const std::vector<int64_t> axes = reduce_axes(rank);
      Tensor m = training ? mean(x, axes, true) : channel_view(mean_used, rank);
      Tensor r = training ? pow(mean((x - m) * (x - m), axes, true) + eps, -0.5f) : channel_view(rstd, rank);
      Tensor xhat = (x - m) * r;
      Tensor gw = weight.defined() ? channel_view(weight, rank) : Tensor();
      Tensor dxhat = weight.defined() ? dy * gw : dy;
      Tensor dx = training ? r * (dxhat - mean(dxhat, axes, true) - xhat * mean(dxhat * xhat, axes, true)) : r * dxhat;
      g[0] += dx;
      if (weight.defined()) g[wi] += reshape(sum(dy * xhat, axes), {L.c});
      if (bias.defined()) g[bi] += reshape(sum(dy, axes), {L.c});
      return;
    }
    const float* xp = x.data();
    const float* dp = dy.data();
    Tensor dx = Tensor::empty(x.shape()), dw = Tensor::empty(Shape{L.c}), db = Tensor::empty(Shape{L.c});
    float* dxp = dx.data();
    for (int64_t c = 0; c < L.c; ++c) {
      const float m = mean_used.data()[c], r = rstd.data()[c];
      const float gc = weight.defined() ? weight.data()[c] : 1.0f;
      double sum_dy = 0, sum_dy_xhat = 0;
      for (int64_t i = 0; i < L.n; ++i) {
        const float* p = xp + (i * L.c + c) * L.s;
        const float* d = dp + (i * L.c + c) * L.s;
        for (int64_t j = 0; j < L.s; ++j) {
          sum_dy += d[j];
          sum_dy_xhat += d[j] * (p[j] - m) * r;
        }
      }
      dw.data()[c] = float(sum_dy_xhat);
      db.data()[c] = float(sum_dy);
      const float k = gc * r;
      const float mean_dy = training ? float(sum_dy / double(count)) : 0.0f;
      const float mean_dy_xhat = training ? float(sum_dy_xhat / double(count)) : 0.0f;
      for (int64_t i = 0; i < L.n; ++i) {
        const float* p = xp + (i * L.c + c) * L.s;
        const float* d = dp + (i * L.c + c) * L.s;
        float* q = dxp + (i * L.c + c) * L.s;
        for (int64_t j = 0; j < L.s; ++j) q[j] = k * (d[j] - mean_dy - (p[j] - m) * r * mean_dy_xhat);
      }
    }
    g[0] += dx;
    if (weight.defined()) g[wi] += dw;
    if (bias.defined()) g[bi] += db;
  });
}

}  // namespace nabla
