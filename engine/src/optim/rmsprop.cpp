// RMSprop: a plain loop over each parameter's elements (split among the engine's threads when large).
#include "nabla/optim/rmsprop.h"

#include <cmath>
#include <string>

#include "nabla/error.h"
#include "nabla/parallel/threads.h"

namespace nabla::optim {

RMSprop::RMSprop(std::vector<Tensor> params, RMSpropOptions options)
    : OptimizerWith(std::move(params), options), state_(params_.size()) {
  if (!(options.alpha >= 0 && options.alpha <= 1) || options.eps < 0 || options.weight_decay < 0 ||
      options.momentum < 0)
    throw ValueError("RMSprop: need alpha in [0, 1] and eps, weight_decay, momentum >= 0, got alpha=" +
                     std::to_string(options.alpha) + " eps=" + std::to_string(options.eps) +
                     " weight_decay=" + std::to_string(options.weight_decay) +
                     " momentum=" + std::to_string(options.momentum));
}

void RMSprop::step() {
  const float lr = lr_, a = options_.alpha, eps = options_.eps, wd = options_.weight_decay,
              mu = options_.momentum;
  for_each_gradient([&](size_t k, float* p, const float* gd, int64_t n) {
    State& s = state_[k];
    if (s.square_avg.empty()) {
      s.square_avg.assign(n, 0.0f);
      if (options_.centered) s.grad_avg.assign(n, 0.0f);
      if (mu > 0) s.momentum.assign(n, 0.0f);
    }
    float* sq = s.square_avg.data();
    float* ga = s.grad_avg.data();
    float* mom = s.momentum.data();
    const bool centered = options_.centered;
    parallel_elements(n, [&](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i) {
        float gi = gd[i] + wd * p[i];
        float v = sq[i] = a * sq[i] + (1 - a) * gi * gi;
        if (centered) {
          float m = ga[i] = a * ga[i] + (1 - a) * gi;
          v -= m * m;
        }
        float step = gi / (std::sqrt(v) + eps);
        if (mu > 0) step = mom[i] = mu * mom[i] + step;
        p[i] -= lr * step;
      }
    });
  });
}

}  // namespace nabla::optim
