// batch_norm (ops/norm.h): the fused forward and backward against finite differences, in training and eval
// mode, with and without affine; second derivatives (the backward written with ops) against finite
// differences of the first; the running statistics it updates.
#include <gtest/gtest.h>

#include "gradcheck.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

using testing::expect_gradients_match;

// A fresh copy of the statistics for every call: finite differences run f many times.
Tensor bn_of(const Tensor& x, const Tensor& w, const Tensor& b, bool training) {
  const int64_t c = x.shape()[1];
  Tensor rm = zeros(Shape{c}), rv = ones(Shape{c});
  for (int64_t i = 0; i < c; ++i) rm.data()[i] = 0.1f * float(i), rv.data()[i] = 1.0f + 0.5f * float(i);
  return batch_norm(x, w, b, rm, rv, training, 0.1f, 1e-5f);
}

TEST(OpsNorm, BatchNormBackwardMatchesFiniteDifferences) {
  manual_seed(7);
  Tensor x = randn(Shape{3, 2, 3, 2}), w = randn(Shape{2}), b = randn(Shape{2}), rows = randn(Shape{5, 3});
  for (bool training : {true, false}) {
    expect_gradients_match([training](const auto& v) { return bn_of(v[0], v[1], v[2], training); }, {x, w, b});
    expect_gradients_match([training](const auto& v) { return bn_of(v[0], Tensor(), Tensor(), training); }, {x});
    expect_gradients_match([training](const auto& v) { return bn_of(v[0], Tensor(), Tensor(), training); }, {rows});
  }
}

TEST(OpsNorm, BatchNormSecondDerivativesMatchFiniteDifferencesOfTheFirst) {
  manual_seed(8);
  Tensor x = randn(Shape{4, 2, 2, 2}), w = randn(Shape{2}), b = randn(Shape{2});
  for (bool training : {true, false}) {
    // A bounded nonlinear function of the output: the second derivative does not vanish, and float32 finite
    // differences of the first stay accurate (a cube's large values drowned them in rounding).
    auto f = [w, b, training](const Tensor& t) { return sum(tanh(bn_of(t, w, b, training))); };
    expect_gradients_match([f](const auto& v) { return grad(f)(v[0]); }, {x});
  }
}

TEST(OpsNorm, BatchNormUpdatesRunningStatisticsOnlyInTraining) {
  Tensor x = tensor({1, 2, 3, 4, 10, 20, 30, 40}, Shape{2, 2, 2});  // channel 0: 1 2 10 20, channel 1: 3 4 30 40
  Tensor rm = zeros(Shape{2}), rv = ones(Shape{2});
  batch_norm(x, Tensor(), Tensor(), rm, rv, true, 0.5f, 1e-5f);
  EXPECT_FLOAT_EQ(rm.data()[0], 0.5f * 8.25f);
  EXPECT_NEAR(rv.data()[0], 0.5f + 0.5f * (232.75f / 3), 1e-4f);  // the unbiased variance of 1, 2, 10, 20
  Tensor before = rm.clone();
  batch_norm(x, Tensor(), Tensor(), rm, rv, false, 0.5f, 1e-5f);
  EXPECT_EQ(rm.to_vector(), before.to_vector());
  EXPECT_THROW(batch_norm(x, ones(Shape{3}), Tensor(), rm, rv, true, 0.1f, 1e-5f), ShapeError);
  EXPECT_THROW(batch_norm(zeros(Shape{1, 2}), Tensor(), Tensor(), rm, rv, true, 0.1f, 1e-5f), ValueError);
}

}  // namespace
}  // namespace nabla
