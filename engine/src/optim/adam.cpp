// Adam and AdamW: one loop (split among the engine's threads when large); AdamW differs only in where
// the weight decay goes.
#include "nabla/optim/adam.h"

#include <cmath>
#include <string>

#include "nabla/error.h"
#include "nabla/parallel/threads.h"

namespace nabla::optim {

Adam::Adam(std::vector<Tensor> params, AdamOptions options)
    : OptimizerWith(std::move(params), options), state_(params_.size()) {
  if (!(options.beta1 >= 0 && options.beta1 < 1) || !(options.beta2 >= 0 && options.beta2 < 1))
    throw ValueError("Adam: betas must be in [0, 1), got " + std::to_string(options.beta1) + " and " +
                     std::to_string(options.beta2));
  if (options.eps < 0 || options.weight_decay < 0)
    throw ValueError("Adam: eps and weight_decay must be >= 0, got " + std::to_string(options.eps) + " and " +
                     std::to_string(options.weight_decay));
}

void Adam::step() {
  const float lr = lr_, b1 = options_.beta1, b2 = options_.beta2, eps = options_.eps,
              wd = options_.weight_decay;
  const bool decoupled = options_.decoupled_weight_decay;
  for_each_gradient([&](size_t k, float* p, const float* gd, int64_t n) {
    State& s = state_[k];
    if (s.m.empty()) s.m.assign(n, 0.0f), s.v.assign(n, 0.0f);
    ++s.step;
    // Bias corrections in double: b^t underflows gracefully and 1 - b2^t is tiny for small t.
    const float c1 = float(1.0 - std::pow(double(b1), double(s.step)));
    const float c2_sqrt = float(std::sqrt(1.0 - std::pow(double(b2), double(s.step))));
    const float step_size = lr / c1;
    float* ms = s.m.data();
    float* vs = s.v.data();
    parallel_elements(n, [&](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i) {
        float gi = gd[i];
        if (decoupled)
          p[i] *= 1 - lr * wd;
        else
          gi += wd * p[i];
        float m = ms[i] = b1 * ms[i] + (1 - b1) * gi;
        float v = vs[i] = b2 * vs[i] + (1 - b2) * gi * gi;
        p[i] -= step_size * m / (std::sqrt(v) / c2_sqrt + eps);
      }
    });
  });
}

AdamW::AdamW(std::vector<Tensor> params, AdamWOptions o)
    : Adam(std::move(params), AdamOptions{.lr = o.lr, .beta1 = o.beta1, .beta2 = o.beta2, .eps = o.eps,
                                          .weight_decay = o.weight_decay, .decoupled_weight_decay = true}) {}

}  // namespace nabla::optim
