// Datasets for the examples: seeded 2-D classification toys and regression data. Every generator takes its
// own seed (it never touches the global generator), so the same call gives the same points on every platform.
// Shapes: N = samples, D = features.  x is (N, D); y is (N) class labels stored as floats (0 .. classes-1),
// or (N, 1) targets for regression. `noise` is the standard deviation of Gaussian noise added to each
// coordinate (classification) or to the target (regression). Samples come shuffled; classes are balanced
// (class c gets N / classes samples, plus one for the first N % classes classes).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "nabla/tensor/tensor.h"

namespace nabla {

struct Dataset {
  Tensor x;             // (N, D)
  Tensor y;             // (N) labels, or (N, 1) regression targets
  int64_t classes = 0;  // 0 for regression
  int64_t size() const { return x.size(0); }
  int64_t features() const { return x.size(1); }
};

/// Two interleaving half circles (as scikit-learn's make_moons): class 0 the upper arc of radius 1 at the
/// origin, class 1 the lower arc centred at (1, 0.5).
Dataset make_moons(int64_t n, float noise = 0.1f, uint64_t seed = 0);

/// Two concentric circles: class 0 of radius 1, class 1 of radius `factor` (0 < factor < 1).
Dataset make_circles(int64_t n, float noise = 0.05f, uint64_t seed = 0, float factor = 0.5f);

/// `classes` interleaved spiral arms (as CS231n's): arm k has radius r in [0, 1] and angle 4r + 2 pi k / classes.
Dataset make_spiral(int64_t n, int64_t classes = 3, float noise = 0.1f, uint64_t seed = 0);

/// XOR of the signs: points uniform in [-1, 1]^2, class 1 where x0 * x1 < 0 (decided before noise is added).
Dataset make_xor(int64_t n, float noise = 0.1f, uint64_t seed = 0);

/// `classes` Gaussian blobs of standard deviation `noise`, centred evenly on a circle of radius `spread`.
Dataset make_blobs(int64_t n, int64_t classes = 3, float noise = 0.5f, uint64_t seed = 0, float spread = 2.0f);

/// Regression with `features` inputs uniform in [-1, 1]. Linear: y = w . x + b with w ~ N(0, 1) and b ~ N(0, 1)
/// drawn from the seed. Nonlinear: y = sum_i w_i sin(pi x_i) + x_0 x_{D-1} (the product term only for D >= 2;
/// for D = 1 it is x_0^2), so that a linear model cannot fit it.
Dataset make_regression(int64_t n, int64_t features = 1, float noise = 0.1f, uint64_t seed = 0,
                        bool nonlinear = false);

/// TensorFlow Playground's regression sets on the square [-1, 1]^2: x uniform there, y (N, 1) the target plus
/// Gaussian noise of std `noise`, clamped to [-1, 1].
///   plane:     y = (x0 + x1) / 2
///   gaussians: y = sum_k s_k exp(-|x - c_k|^2 / (2 * 0.2^2)), six bumps c_k = (-7/12 | 0 | 7/12, +-5/12) of
///              alternating sign s_k (TF Playground's "multi-gaussian")
///   waves:     y = sin(3.75 x0) cos(3.75 x1)
Dataset make_plane(int64_t n, float noise = 0.1f, uint64_t seed = 0);
Dataset make_gaussians(int64_t n, float noise = 0.1f, uint64_t seed = 0);
Dataset make_waves(int64_t n, float noise = 0.1f, uint64_t seed = 0);

/// Points uniform on [-1, 1]^2 for labels the caller decides (the playground's y > f(x), f typed by the user):
/// y (N) is each point's own Gaussian noise of std `noise`, to add to x1 before the comparison; classes = 2.
Dataset make_uniform(int64_t n, float noise = 0.1f, uint64_t seed = 0);

/// Every toy set by one name (the CLI's --data, nb.data's kinds): moons, circles, spiral, xor, blobs, plane,
/// gaussians, waves, uniform, regression. Unset options take the set's own defaults (those of the functions above).
struct ToyOptions {
  int64_t n = 1000;
  std::optional<float> noise;  // default: the set's own
  uint64_t seed = 0;
  int64_t classes = 3;         // spiral and blobs; make_regression's features
  std::optional<float> extra;  // circles' factor, blobs' spread
  bool nonlinear = false;      // make_regression
};
Dataset make_toy(const std::string& name, const ToyOptions& options);
/// The names make_toy knows, in the order of the list above.
const std::vector<std::string>& toy_names();

/// Splits d into (train, test) by a seeded shuffle of its rows (its own stream, apart from a set drawn from the same seed): the first round(N * train_fraction) shuffled
/// rows train, the rest test. train_fraction in [0, 1].
std::pair<Dataset, Dataset> train_test_split(const Dataset& d, double train_fraction, uint64_t seed);

}  // namespace nabla
