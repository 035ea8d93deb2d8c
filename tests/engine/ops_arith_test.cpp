// Arithmetic ops: values, broadcasting, and gradients against finite differences.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "gradcheck.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

using testing::expect_gradients_match;

TEST(OpsArith, BroadcastShapesFollowNumPyRules) {
  EXPECT_EQ(broadcast_shapes(Shape{4, 1, 3}, Shape{2, 1}, "add"), (Shape{4, 2, 3}));
  EXPECT_THROW(broadcast_shapes(Shape{2, 3}, Shape{4}, "add"), ShapeError);
}

TEST(OpsArith, AddBroadcastsBiasRow) {
  Tensor y = add(tensor({1, 2, 3, 4, 5, 6}, Shape{2, 3}), tensor({10, 20, 30}, Shape{3}));
  EXPECT_EQ(y.to_vector(), (std::vector<float>{11, 22, 33, 14, 25, 36}));
}

TEST(OpsArith, ShapeMismatchNamesOpAndShapes) {
  try {
    add(ones(Shape{2, 3}), ones(Shape{4}));
    FAIL();
  } catch (const ShapeError& e) {
    EXPECT_NE(std::string(e.what()).find("add: shapes [2, 3] and [4]"), std::string::npos) << e.what();
  }
}

TEST(OpsArith, BinaryBackwardsMatchFiniteDifferencesWithBroadcasting) {
  manual_seed(1);
  std::vector<std::pair<Shape, Shape>> cases = {
      {{2, 3}, {2, 3}}, {{2, 3}, {3}}, {{4, 1, 3}, {2, 1}}, {{2, 3}, {}}, {{1}, {3, 2}}};
  for (auto& [sa, sb] : cases) {
    Tensor a = randn(sa), b = add(rand(sb, 0.5f, 2.0f), 0.0f);
    expect_gradients_match([](const auto& v) { return add(v[0], v[1]); }, {a, b});
    expect_gradients_match([](const auto& v) { return sub(v[0], v[1]); }, {a, b});
    expect_gradients_match([](const auto& v) { return mul(v[0], v[1]); }, {a, b});
    expect_gradients_match([](const auto& v) { return div(v[0], v[1]); }, {a, b});
    expect_gradients_match([](const auto& v) { return pow(v[1], v[0]); }, {a, b});
  }
}

TEST(OpsArith, ScalarAndUnaryArithmeticBackwards) {
  manual_seed(2);
  Tensor x = rand(Shape{3, 2}, 0.5f, 2.0f);
  expect_gradients_match([](const auto& v) { return neg(v[0]); }, {x});
  expect_gradients_match([](const auto& v) { return pow(v[0], 3.0f); }, {x});
  expect_gradients_match([](const auto& v) { return pow(v[0], -1.5f); }, {x});
  expect_gradients_match([](const auto& v) { return 2.0f - v[0] * 3.0f + 1.0f; }, {x});
  expect_gradients_match([](const auto& v) { return 2.0f / v[0]; }, {x});
}

TEST(OpsArith, SumToAndExpandAreEachOthersGradient) {
  manual_seed(3);
  expect_gradients_match([](const auto& v) { return sum_to(v[0], Shape{3}); }, {randn(Shape{2, 3})});
  expect_gradients_match([](const auto& v) { return expand(v[0], Shape{2, 4, 3}); }, {randn(Shape{4, 1})});
}

// The k-th derivative of tanh as a polynomial in t = tanh(x): P_0 = t, P_{k+1} = P_k'(t) (1 - t^2). In double.
double tanh_derivative(int k, double x) {
  std::vector<double> p{0, 1};  // coefficients of t^0, t^1, ...
  for (int i = 0; i < k; ++i) {
    std::vector<double> next(p.size() + 1, 0.0);
    for (size_t j = 1; j < p.size(); ++j) {
      next[j - 1] += j * p[j];
      next[j + 1] -= j * p[j];
    }
    p = next;
  }
  double t = std::tanh(x), v = 0;
  for (size_t j = p.size(); j-- > 0;) v = v * t + p[j];
  return v;
}

TEST(OpsArith, DivStaysFiniteAndAccurateToTheSixthDerivativeOfHipsTanh) {
  // HIPS autograd's example: tanh written as (1 - e^-2x) / (1 + e^-2x). With div's b-gradient as a / b^2,
  // b^(2^k) overflowed float: the 4th derivative at -7 came out 63.65 (true 0.0018), the 5th and 6th NaN.
  TensorFn f = [](const Tensor& x) {
    Tensor e = exp(mul(x, -2.0f));
    return div(1.0f - e, 1.0f + e);
  };
  std::vector<TensorFn> d{f};
  for (int k = 1; k <= 6; ++k) d.push_back(grad([prev = d.back()](const Tensor& t) { return sum(prev(t)); }));
  for (float x0 : {-7.0f, -5.5f, -2.5f, -1.0f, 0.0f, 0.5f, 1.5f, 3.0f}) {
    for (int k = 1; k <= 6; ++k) {
      double ref = tanh_derivative(k, x0);
      EXPECT_NEAR(d[k](scalar(x0)).item(), ref, 1e-3 * std::max(1.0, std::abs(ref))) << "order " << k << " at " << x0;
    }
  }
}

TEST(OpsArith, DivBackwardMatchesFiniteDifferencesToOrderFour) {
  Tensor b = tensor({-3.1f, -1.2f, 0.6f, 2.4f}, Shape{4});
  testing::expect_derivatives_match_to_order([](const Tensor& t) { return div(tensor({1.5f}, Shape{1}), t); }, b, 4,
                                             {.eps = 1e-3, .atol = 5e-3, .rtol = 1e-2});
  testing::expect_derivatives_match_to_order([](const Tensor& t) { return div(t, add(mul(t, t), 1.0f)); }, b, 4,
                                             {.eps = 1e-3, .atol = 5e-3, .rtol = 1e-2});
}

}  // namespace
}  // namespace nabla
