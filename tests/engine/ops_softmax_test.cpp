// Softmax, log-softmax and logsumexp: values, stability at +-1e4, gradients and second derivatives.
#include <gtest/gtest.h>

#include <cmath>

#include "gradcheck.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

using testing::expect_gradients_match;

TEST(OpsSoftmax, SoftmaxRowsMatchHandComputedValues) {
  Tensor y = softmax(tensor({1, 2, 3, 0, 0, 0}, Shape{2, 3}));
  double e = std::exp(1.0), d = 1 + e + e * e;
  std::vector<float> v = y.to_vector();
  EXPECT_NEAR(v[0], 1 / d, 1e-6);
  EXPECT_NEAR(v[1], e / d, 1e-6);
  EXPECT_NEAR(v[2], e * e / d, 1e-6);
  for (int j = 3; j < 6; ++j) EXPECT_NEAR(v[j], 1.0 / 3, 1e-6);
}

TEST(OpsSoftmax, SoftmaxAlongFirstAxisNormalisesColumns) {
  Tensor y = softmax(tensor({1, 5, 3, 2}, Shape{2, 2}), 0);
  std::vector<float> v = y.to_vector();
  EXPECT_NEAR(v[0] + v[2], 1.0, 1e-6);
  EXPECT_NEAR(v[1] + v[3], 1.0, 1e-6);
  EXPECT_NEAR(v[0], 1 / (1 + std::exp(2.0)), 1e-6);
}

TEST(OpsSoftmax, LogSoftmaxAndLogsumexpAreStableAtPlusMinus1e4) {
  Tensor x = tensor({1e4f, -1e4f, 0.0f, 1e4f, 1e4f, -1e4f}, Shape{2, 3});
  std::vector<float> ls = log_softmax(x).to_vector();
  EXPECT_FLOAT_EQ(ls[0], 0.0f);
  EXPECT_FLOAT_EQ(ls[1], -2e4f);
  EXPECT_FLOAT_EQ(ls[2], -1e4f);
  EXPECT_NEAR(ls[3], -std::log(2.0), 1e-6);
  std::vector<float> lse = logsumexp(x).to_vector();
  EXPECT_FLOAT_EQ(lse[0], 1e4f);
  EXPECT_NEAR(lse[1], 1e4f + std::log(2.0), 1e-2);
  std::vector<float> s = softmax(x).to_vector();
  EXPECT_FLOAT_EQ(s[0], 1.0f);
  EXPECT_FLOAT_EQ(s[1], 0.0f);
  EXPECT_NEAR(s[3], 0.5f, 1e-7);

  Tensor p = x.detach().requires_grad_(true);
  sum(mul(log_softmax(p), tensor({1, 2, 3, 4, 5, 6}, Shape{2, 3}))).backward();
  for (float gv : p.grad().to_vector()) EXPECT_TRUE(std::isfinite(gv));
}

TEST(OpsSoftmax, BackwardsMatchFiniteDifferencesOnEveryAxis) {
  manual_seed(3);
  Tensor x = randn(Shape{2, 3, 4});
  for (int64_t axis : {0, 1, 2, -1}) {
    expect_gradients_match([axis](const auto& v) { return softmax(v[0], axis); }, {x});
    expect_gradients_match([axis](const auto& v) { return log_softmax(v[0], axis); }, {x});
    expect_gradients_match([axis](const auto& v) { return logsumexp(v[0], axis); }, {x});
    expect_gradients_match([axis](const auto& v) { return logsumexp(v[0], axis, true); }, {x});
  }
}

TEST(OpsSoftmax, LogsumexpKeepdimShapes) {
  Tensor x = randn(Shape{2, 3, 4});
  EXPECT_EQ(logsumexp(x, 1).shape(), (Shape{2, 4}));
  EXPECT_EQ(logsumexp(x, 1, true).shape(), (Shape{2, 1, 4}));
}

TEST(OpsSoftmax, AxisOutOfRangeIsAnIndexError) {
  try {
    softmax(ones(Shape{2, 3}), 2);
    FAIL();
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("softmax: axis 2 is out of range"), std::string::npos) << e.what();
  }
  EXPECT_THROW(log_softmax(ones(Shape{2, 3}), -3), IndexError);
}

// d/dx of sum(w * softmax'(x) v): the gradient of a gradient, checked by finite differences of the first.
TEST(OpsSoftmax, SecondDerivativesMatchFiniteDifferencesOfTheFirst) {
  manual_seed(4);
  Tensor x = randn(Shape{2, 4});
  Tensor w = randn(Shape{2, 4});
  for (int which = 0; which < 3; ++which) {
    auto f = [which, w](const Tensor& t) {
      Tensor y = which == 0 ? softmax(t) : which == 1 ? log_softmax(t) : logsumexp(t, -1, true);
      return sum(mul(y, which == 2 ? sum(w, {1}, true) : w));
    };
    expect_gradients_match([f](const auto& v) { return grad(f)(v[0]); }, {x});
  }
}

}  // namespace
}  // namespace nabla
