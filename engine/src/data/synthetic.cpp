// The seeded toy datasets. Each class's points are laid out evenly along its curve (as scikit-learn does),
// noise is added, and the rows are shuffled so that a loader without shuffling still sees mixed classes.
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "nabla/data/dataset.h"
#include "nabla/error.h"
#include "nabla/tensor/random.h"

namespace nabla {

namespace {

constexpr double kPi = 3.14159265358979323846;

void check_common(const char* op, int64_t n, float noise) {
  if (n <= 0) throw ValueError(std::string(op) + ": n must be positive, got " + std::to_string(n));
  if (!(noise >= 0) || !std::isfinite(noise))
    throw ValueError(std::string(op) + ": noise must be a finite number >= 0, got " + std::to_string(noise));
}

void check_classes(const char* op, int64_t classes, int64_t min) {
  if (classes < min)
    throw ValueError(std::string(op) + ": classes must be at least " + std::to_string(min) + ", got " +
                     std::to_string(classes));
}

// Samples of class c out of n split over k classes: n / k, plus one for the first n % k classes.
int64_t class_count(int64_t n, int64_t k, int64_t c) { return n / k + (c < n % k ? 1 : 0); }

// Position of sample i of m along a curve parameter in [0, 1] (a single sample sits at 0).
double along(int64_t i, int64_t m) { return m > 1 ? static_cast<double>(i) / static_cast<double>(m - 1) : 0.0; }

// Builds the dataset from (x0, x1, label) rows: adds noise, then a seeded Fisher-Yates shuffle of the rows.
Dataset finish_2d(std::vector<float>& xs, std::vector<float>& ys, int64_t classes, float noise, Generator& gen) {
  int64_t n = static_cast<int64_t>(ys.size());
  for (float& v : xs) v += noise * gen.normal();
  for (int64_t i = n - 1; i > 0; --i) {
    int64_t j = gen.below(static_cast<uint32_t>(i + 1));
    std::swap(ys[i], ys[j]);
    std::swap(xs[2 * i], xs[2 * j]);
    std::swap(xs[2 * i + 1], xs[2 * j + 1]);
  }
  Dataset d;
  d.x = Tensor::from_vector(xs, Shape{n, 2});
  d.y = Tensor::from_vector(ys, Shape{n});
  d.classes = classes;
  return d;
}

void push(std::vector<float>& xs, std::vector<float>& ys, double a, double b, int64_t label) {
  xs.push_back(static_cast<float>(a));
  xs.push_back(static_cast<float>(b));
  ys.push_back(static_cast<float>(label));
}

// The frame every classification set shares: class c gets class_count(n, k, c) points, point i of its m from
// point(c, i, m, gen) as (x0, x1); then noise and the shuffle (finish_2d).
template <typename Point>
Dataset per_class(const char* op, int64_t n, int64_t classes, float noise, uint64_t seed, Point point) {
  check_common(op, n, noise);
  Generator gen(seed);
  std::vector<float> xs, ys;
  for (int64_t c = 0; c < classes; ++c) {
    int64_t m = class_count(n, classes, c);
    for (int64_t i = 0; i < m; ++i) {
      auto [a, b] = point(c, i, m, gen);
      push(xs, ys, a, b, c);
    }
  }
  return finish_2d(xs, ys, classes, noise, gen);
}

}  // namespace

using Point = std::pair<double, double>;

Dataset make_moons(int64_t n, float noise, uint64_t seed) {
  return per_class("make_moons", n, 2, noise, seed, [](int64_t c, int64_t i, int64_t m, Generator&) {
    double t = kPi * along(i, m);
    return c == 0 ? Point{std::cos(t), std::sin(t)} : Point{1 - std::cos(t), 0.5 - std::sin(t)};
  });
}

Dataset make_circles(int64_t n, float noise, uint64_t seed, float factor) {
  if (!(factor > 0 && factor < 1))
    throw ValueError("make_circles: factor must be in (0, 1), got " + std::to_string(factor));
  return per_class("make_circles", n, 2, noise, seed, [factor](int64_t c, int64_t i, int64_t m, Generator&) {
    double r = c == 0 ? 1.0 : factor;
    // Endpoint excluded: 0 and 2 pi are the same point.
    double t = 2 * kPi * static_cast<double>(i) / static_cast<double>(m);
    return Point{r * std::cos(t), r * std::sin(t)};
  });
}

Dataset make_spiral(int64_t n, int64_t classes, float noise, uint64_t seed) {
  check_classes("make_spiral", classes, 2);
  return per_class("make_spiral", n, classes, noise, seed, [classes](int64_t c, int64_t i, int64_t m, Generator&) {
    double r = along(i, m);
    double t = 4 * r + 2 * kPi * static_cast<double>(c) / static_cast<double>(classes);
    return Point{r * std::sin(t), r * std::cos(t)};
  });
}

Dataset make_xor(int64_t n, float noise, uint64_t seed) {
  return per_class("make_xor", n, 2, noise, seed, [](int64_t c, int64_t, int64_t, Generator& gen) {
    // Magnitudes uniform in [0, 1); the signs pick one of the class's two quadrants.
    double a = gen.uniform(), b = gen.uniform();
    bool flip = gen.below(2) == 1;
    double sa = flip ? -1 : 1, sb = (c == 0) == flip ? -1 : 1;
    return Point{sa * a, sb * b};
  });
}

Dataset make_blobs(int64_t n, int64_t classes, float noise, uint64_t seed, float spread) {
  check_classes("make_blobs", classes, 1);
  if (!(spread >= 0) || !std::isfinite(spread))
    throw ValueError("make_blobs: spread must be a finite number >= 0, got " + std::to_string(spread));
  return per_class("make_blobs", n, classes, noise, seed, [&](int64_t c, int64_t, int64_t, Generator&) {
    double t = 2 * kPi * static_cast<double>(c) / static_cast<double>(classes);
    return Point{spread * std::cos(t), spread * std::sin(t)};
  });
}

Dataset make_regression(int64_t n, int64_t features, float noise, uint64_t seed, bool nonlinear) {
  check_common("make_regression", n, noise);
  if (features < 1) throw ValueError("make_regression: features must be at least 1, got " + std::to_string(features));
  Generator gen(seed);
  std::vector<double> w(features);
  for (double& v : w) v = gen.normal();
  double b = gen.normal();
  Tensor x = Tensor::empty(Shape{n, features}), y = Tensor::empty(Shape{n, 1});
  float* px = x.data();
  float* py = y.data();
  for (int64_t i = 0; i < n; ++i) {
    float* row = px + i * features;
    for (int64_t j = 0; j < features; ++j) row[j] = 2 * gen.uniform() - 1;
    double t = 0;
    if (nonlinear) {
      for (int64_t j = 0; j < features; ++j) t += w[j] * std::sin(kPi * row[j]);
      t += static_cast<double>(row[0]) * row[features - 1];
    } else {
      for (int64_t j = 0; j < features; ++j) t += w[j] * row[j];
      t += b;
    }
    py[i] = static_cast<float>(t + noise * gen.normal());
  }
  Dataset d;
  d.x = x;
  d.y = y;
  d.classes = 0;
  return d;
}

}  // namespace nabla
