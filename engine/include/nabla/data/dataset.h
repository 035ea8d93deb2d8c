// Datasets for the examples: seeded 2-D classification toys and regression data. Every generator takes its
// own seed (it never touches the global generator), so the same call gives the same points on every platform.
// Shapes: N = samples, D = features.  x is (N, D); y is (N) class labels stored as floats (0 .. classes-1),
// or (N, 1) targets for regression. `noise` is the standard deviation of Gaussian noise added to each
// coordinate (classification) or to the target (regression). Samples come shuffled; classes are balanced
// (class c gets N / classes samples, plus one for the first N % classes classes).
#pragma once
#include <cstdint>

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

}  // namespace nabla
