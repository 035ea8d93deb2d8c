// Test data with a known answer (a linear regression) and statistics of a tensor's elements (for random
// initialisers against their formulas).
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <utility>

#include "nabla/nabla.h"

namespace nabla::testing {

inline float max_abs(const Tensor& t) {
  float m = 0;
  for (float v : t.to_vector()) m = std::max(m, std::abs(v));
  return m;
}

/// The population standard deviation of the elements.
inline double std_of(const Tensor& t) {
  double s = 0, s2 = 0;
  for (float v : t.to_vector()) s += v, s2 += double(v) * v;
  double m = s / t.numel();
  return std::sqrt(s2 / t.numel() - m * m);
}

/// x: n rows uniform in [-1, 1)^3 drawn from Generator(seed); y (n, 1) = w . x + b exactly.
inline std::pair<Tensor, Tensor> linear_regression_data(int64_t n, std::array<float, 3> w, float b, uint64_t seed) {
  Generator gen(seed);
  Tensor x = Tensor::empty(Shape{n, 3}), y = Tensor::empty(Shape{n, 1});
  for (int64_t i = 0; i < n; ++i) {
    float* r = x.data() + 3 * i;
    for (int j = 0; j < 3; ++j) r[j] = 2 * gen.uniform() - 1;
    y.data()[i] = w[0] * r[0] + w[1] * r[1] + w[2] * r[2] + b;
  }
  return {x, y};
}

}  // namespace nabla::testing
