// Softmax, log-softmax and logsumexp along one axis. The forward kernels subtract the maximum first, so
// logits of 1e4 give exact, finite results; the backwards are compositions, so they differentiate again.
//
// Derivatives (s = softmax(x), sums along the axis, kept as size 1):
//   softmax(x)        dx += s * (dy - sum(dy * s))
//   log_softmax(x)    dx += dy - s * sum(dy)
//   logsumexp(x)      dx += dy * s                   (dy broadcast back along the axis)
// NOTE: s is recomputed from x in each backward instead of saved: a closure must not hold its own
// output, and recomputing keeps the second derivative flowing through x.
#include "nabla/ops/softmax.h"

#include <cmath>
#include <limits>

#include "broadcast.h"
#include "nabla/autograd/node.h"
#include "nabla/ops/arith.h"
#include "nabla/ops/layout.h"
#include "nabla/ops/reduce.h"

namespace nabla {

using detail::AxisSplit;
using detail::split_at;

namespace {


enum class Kind { kSoftmax, kLogSoftmax, kLogSumExp };

// One pass per lane for max, one for the sum of exponentials, one to write. `out` has x's shape for
// (log-)softmax and x's shape with the axis at size 1 for logsumexp.
void softmax_kernel(const Tensor& x, int axis, Kind kind, Tensor& out) {
  AxisSplit s = split_at(x.shape(), axis);
  const float* in = x.data();
  float* z = out.data();
  for (int64_t o = 0; o < s.outer; ++o)
    for (int64_t i = 0; i < s.inner; ++i) {
      const float* lane = in + o * s.size * s.inner + i;
      float m = -std::numeric_limits<float>::infinity();
      for (int64_t j = 0; j < s.size; ++j) m = std::fmax(m, lane[j * s.inner]);
      // All -inf (or an empty axis): nothing to subtract, and exp(-inf - -inf) would be NaN.
      if (std::isinf(m) && m < 0) m = 0;
      double total = 0;
      for (int64_t j = 0; j < s.size; ++j) total += std::exp(lane[j * s.inner] - m);
      float log_total = static_cast<float>(std::log(total));
      if (kind == Kind::kLogSumExp) {
        z[o * s.inner + i] = m + log_total;
        continue;
      }
      float* dst = z + o * s.size * s.inner + i;
      if (kind == Kind::kLogSoftmax) {
        // (x - m) - log_total, not x - (m + log_total): at x = 1e4 the sum would round away log 2.
        for (int64_t j = 0; j < s.size; ++j) dst[j * s.inner] = (lane[j * s.inner] - m) - log_total;
      } else {
        float inv = static_cast<float>(1.0 / total);
        for (int64_t j = 0; j < s.size; ++j) dst[j * s.inner] = std::exp(lane[j * s.inner] - m) * inv;
      }
    }
}

Shape keep_shape(const Shape& s, int axis) {
  Shape k = s;
  if (s.rank() > 0) k[axis] = 1;
  return k;
}

}  // namespace

Tensor softmax(const Tensor& x, int64_t axis) {
  int ax = normalize_axis(axis, x.rank(), "softmax");
  Tensor out = Tensor::empty(x.shape());
  softmax_kernel(x, ax, Kind::kSoftmax, out);
  return record("softmax", out, {x}, [x, ax](const Tensor& dy, Grads& g) {
    Tensor s = softmax(x, ax);
    g[0] += mul(s, sub(dy, sum(mul(dy, s), {ax}, true)));
  });
}

Tensor log_softmax(const Tensor& x, int64_t axis) {
  int ax = normalize_axis(axis, x.rank(), "log_softmax");
  Tensor out = Tensor::empty(x.shape());
  softmax_kernel(x, ax, Kind::kLogSoftmax, out);
  return record("log_softmax", out, {x}, [x, ax](const Tensor& dy, Grads& g) {
    g[0] += sub(dy, mul(softmax(x, ax), sum(dy, {ax}, true)));
  });
}

Tensor logsumexp(const Tensor& x, int64_t axis, bool keepdim) {
  int ax = normalize_axis(axis, x.rank(), "logsumexp");
  Shape keep = keep_shape(x.shape(), ax);
  Tensor out = Tensor::empty(keep);
  softmax_kernel(x, ax, Kind::kLogSumExp, out);
  if (!keepdim && x.rank() > 0) {
    Shape squeezed;
    for (int i = 0; i < x.rank(); ++i)
      if (i != ax) squeezed.push_back(x.shape()[i]);
    out.impl().shape = squeezed;  // same elements, fresh tensor: relabelling is safe
  }
  return record("logsumexp", out, {x}, [x, ax, keep](const Tensor& dy, Grads& g) {
    g[0] += mul(reshape(dy, keep.to_vector()), softmax(x, ax));
  });
}

}  // namespace nabla
