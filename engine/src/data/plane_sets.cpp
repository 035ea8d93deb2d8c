// TensorFlow Playground's regression sets and the uniform points of its y > f(x) set, on the square [-1, 1]^2
// (the playground scales them to its own square). Each draws x0, x1, then its noise, point by point.
#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "nabla/data/dataset.h"
#include "nabla/error.h"
#include "nabla/tensor/random.h"

namespace nabla {

namespace {

void check(const char* op, int64_t n, float noise) {
  if (n <= 0) throw ValueError(std::string(op) + ": n must be positive, got " + std::to_string(n));
  if (!(noise >= 0) || !std::isfinite(noise))
    throw ValueError(std::string(op) + ": noise must be a finite number >= 0, got " + std::to_string(noise));
}

// x uniform on [-1, 1]^2; y (N, 1) = clamp(target(x0, x1) + noise * N(0, 1), -1, 1).
Dataset regression_2d(const char* op, int64_t n, float noise, uint64_t seed,
                      const std::function<double(double, double)>& target) {
  check(op, n, noise);
  Generator gen(seed);
  Dataset d{Tensor::empty(Shape{n, 2}), Tensor::empty(Shape{n, 1}), 0};
  float* x = d.x.data();
  float* y = d.y.data();
  for (int64_t i = 0; i < n; ++i) {
    double a = 2.0 * gen.uniform() - 1, b = 2.0 * gen.uniform() - 1;
    x[2 * i] = static_cast<float>(a);
    x[2 * i + 1] = static_cast<float>(b);
    y[i] = static_cast<float>(std::clamp(target(a, b) + noise * gen.normal(), -1.0, 1.0));
  }
  return d;
}

}  // namespace

Dataset make_plane(int64_t n, float noise, uint64_t seed) {
  return regression_2d("make_plane", n, noise, seed, [](double a, double b) { return (a + b) / 2; });
}

Dataset make_gaussians(int64_t n, float noise, uint64_t seed) {
  constexpr double kBumps[6][3] = {{-7 / 12.0, 5 / 12.0, 1}, {0, 5 / 12.0, -1}, {7 / 12.0, 5 / 12.0, 1},
                                   {-7 / 12.0, -5 / 12.0, -1}, {0, -5 / 12.0, 1}, {7 / 12.0, -5 / 12.0, -1}};
  constexpr double kWidth = 0.2;
  return regression_2d("make_gaussians", n, noise, seed, [&](double a, double b) {
    double v = 0;
    for (const auto& [cx, cy, sign] : kBumps)
      v += sign * std::exp(-((a - cx) * (a - cx) + (b - cy) * (b - cy)) / (2 * kWidth * kWidth));
    return v;
  });
}

Dataset make_waves(int64_t n, float noise, uint64_t seed) {
  return regression_2d("make_waves", n, noise, seed, [](double a, double b) { return std::sin(3.75 * a) * std::cos(3.75 * b); });
}

Dataset make_uniform(int64_t n, float noise, uint64_t seed) {
  check("make_uniform", n, noise);
  Generator gen(seed);
  Dataset d{Tensor::empty(Shape{n, 2}), Tensor::empty(Shape{n}), 2};
  float* x = d.x.data();
  float* y = d.y.data();
  for (int64_t i = 0; i < n; ++i) {
    x[2 * i] = 2 * gen.uniform() - 1;
    x[2 * i + 1] = 2 * gen.uniform() - 1;
    y[i] = noise * gen.normal();
  }
  return d;
}

}  // namespace nabla
