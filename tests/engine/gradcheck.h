// Central finite differences against autograd: the independent truth every op's backward is checked by.
#pragma once
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "nabla/nabla.h"

namespace nabla::testing {

using MultiFn = std::function<Tensor(const std::vector<Tensor>&)>;

struct GradcheckOptions {
  double eps = 1e-3;
  double atol = 2e-3;
  double rtol = 1e-2;
};

/// Checks d(sum(f(x) * w))/dx for a fixed random weighting w (so every output element counts) against
/// central differences, for every element of every input.
inline void expect_gradients_match(const MultiFn& f, std::vector<Tensor> inputs, GradcheckOptions opt = {}) {
  for (Tensor& x : inputs) x = x.detach().requires_grad_(true);
  Tensor y = f(inputs);
  Generator gen(1234);
  Tensor w = Tensor::empty(y.shape());
  for (int64_t i = 0; i < w.numel(); ++i) w.data()[i] = 0.5f + gen.uniform();
  auto weighted = [&](const Tensor& out) {
    double s = 0;
    for (int64_t i = 0; i < out.numel(); ++i) s += double(out.data()[i]) * w.data()[i];
    return s;
  };
  sum(mul(y, w)).backward();
  for (size_t k = 0; k < inputs.size(); ++k) {
    Tensor analytic = inputs[k].grad();
    ASSERT_TRUE(analytic.defined()) << "input " << k << " got no gradient";
    for (int64_t i = 0; i < inputs[k].numel(); ++i) {
      float* p = inputs[k].data() + i;
      float saved = *p;
      double up, down;
      {
        NoGradGuard no_grad;
        *p = saved + float(opt.eps);
        up = weighted(f(inputs));
        *p = saved - float(opt.eps);
        down = weighted(f(inputs));
        *p = saved;
      }
      double numeric = (up - down) / (2 * opt.eps);
      EXPECT_NEAR(analytic.data()[i], numeric, opt.atol + opt.rtol * std::abs(numeric))
          << "input " << k << " element " << i;
    }
  }
}

/// Gradient check to any order for an elementwise f: the k-th derivative by nested grad (k = 1..order) against
/// a central difference of the (k-1)-th, itself computed by autograd. Points must keep eps away from kinks.
inline void expect_derivatives_match_to_order(const TensorFn& f, const Tensor& points, int order,
                                              GradcheckOptions opt = {}) {
  std::vector<TensorFn> d{f};
  for (int k = 1; k <= order; ++k)
    d.push_back(grad([prev = d.back()](const Tensor& t) { return sum(prev(t)); }));
  for (int k = 1; k <= order; ++k) {
    std::vector<float> analytic = d[k](points).to_vector();
    std::vector<float> up = d[k - 1](add(points, float(opt.eps))).to_vector();
    std::vector<float> down = d[k - 1](add(points, -float(opt.eps))).to_vector();
    for (size_t i = 0; i < analytic.size(); ++i) {
      double numeric = (double(up[i]) - down[i]) / (2 * opt.eps);
      EXPECT_NEAR(analytic[i], numeric, opt.atol + opt.rtol * std::abs(numeric))
          << "derivative " << k << " at x = " << points.data()[i];
    }
  }
}

}  // namespace nabla::testing
