// SGD: a plain loop over each parameter's elements (split among the engine's threads when large).
#include "nabla/optim/sgd.h"

#include <string>

#include "nabla/error.h"
#include "nabla/parallel/threads.h"

namespace nabla::optim {

SGD::SGD(std::vector<Tensor> params, SGDOptions options)
    : OptimizerWith(std::move(params), options), momentum_(params_.size()) {
  if (options.momentum < 0 || options.weight_decay < 0 || options.dampening < 0)
    throw ValueError("SGD: momentum, dampening and weight_decay must be >= 0, got " +
                     std::to_string(options.momentum) + ", " + std::to_string(options.dampening) + ", " +
                     std::to_string(options.weight_decay));
  if (options.nesterov && (options.momentum <= 0 || options.dampening != 0))
    throw ValueError("SGD: Nesterov momentum needs momentum > 0 and dampening 0");
}

void SGD::step() {
  const float lr = lr_, mu = options_.momentum, wd = options_.weight_decay, damp = 1 - options_.dampening;
  for_each_gradient([&](size_t k, float* p, const float* gd, int64_t n) {
    if (mu == 0) {
      parallel_elements(n, [&](int64_t lo, int64_t hi) {
        for (int64_t i = lo; i < hi; ++i) p[i] -= lr * (gd[i] + wd * p[i]);
      });
      return;
    }
    std::vector<float>& buf = momentum_[k];
    const bool first = buf.empty();
    if (first) buf.resize(n);
    float* b = buf.data();
    const bool nesterov = options_.nesterov;
    parallel_elements(n, [&](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i) {
        float gi = gd[i] + wd * p[i];
        b[i] = first ? gi : mu * b[i] + damp * gi;
        p[i] -= lr * (nesterov ? gi + mu * b[i] : b[i]);
      }
    });
  });
}

}  // namespace nabla::optim
