// Inverted dropout: training zeroes each element with probability p and scales the survivors by 1/(1-p),
// so evaluation is the identity and the expected activation is the same in both.
//
// Derivatives:
//   dropout(x, p)   dx += dy * mask        mask = [u >= p] / (1 - p), drawn once in the forward
#include "nabla/ops/dropout.h"

#include <string>

#include "nabla/autograd/node.h"
#include "nabla/error.h"
#include "nabla/ops/arith.h"
#include "nabla/tensor/random.h"

namespace nabla {

Tensor dropout(const Tensor& x, float p, bool training) {
  if (!(p >= 0.0f && p < 1.0f))
    throw ValueError("dropout: probability p must be in [0, 1), got " + std::to_string(p));
  if (!training || p == 0.0f) return x;
  Generator& gen = default_generator();
  float keep = 1.0f / (1.0f - p);
  Tensor mask = Tensor::empty(x.shape());
  Tensor y = Tensor::empty(x.shape());
  const float* in = x.data();
  float* m = mask.data();
  float* z = y.data();
  for (int64_t i = 0, n = x.numel(); i < n; ++i) {
    m[i] = gen.uniform() >= p ? keep : 0.0f;
    z[i] = in[i] * m[i];
  }
  // The mask is a constant of the forward, so the backward (a mul) differentiates again.
  return record("dropout", y, {x}, [mask](const Tensor& dy, Grads& g) { g[0] += mul(dy, mask); });
}

}  // namespace nabla
