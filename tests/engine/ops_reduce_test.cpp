// Reductions: sum, mean, max over everything or chosen axes (keepdim), argmax. Values, gradients against
// finite differences, second derivatives, errors.
#include <gtest/gtest.h>

#include "expect_error.h"
#include "gradcheck.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

using testing::expect_gradients_match;

TEST(OpsReduce, SumAndMeanOverAxes) {
  Tensor x = reshape(arange(0, 24), {2, 3, 4});
  EXPECT_FLOAT_EQ(sum(x).item(), 276.0f);
  EXPECT_FLOAT_EQ(mean(x).item(), 11.5f);
  Tensor s = sum(x, {1});
  EXPECT_EQ(s.shape(), (Shape{2, 4}));
  EXPECT_EQ(s.to_vector(), (std::vector<float>{12, 15, 18, 21, 48, 51, 54, 57}));
  EXPECT_EQ(sum(x, {0, 2}, true).shape(), (Shape{1, 3, 1}));
  EXPECT_EQ(sum(x, {0, 2}).to_vector(), (std::vector<float>{60, 92, 124}));
  EXPECT_EQ(sum(x, {-1}).shape(), (Shape{2, 3}));
  EXPECT_EQ(mean(x, {2}, true).shape(), (Shape{2, 3, 1}));
  EXPECT_FLOAT_EQ(mean(x, {2}).data()[0], 1.5f);
}

TEST(OpsReduce, MaxAndArgmax) {
  Tensor x = tensor({1, 7, 3, 9, 2, 9}, Shape{2, 3});
  EXPECT_FLOAT_EQ(max(x).item(), 9.0f);
  EXPECT_EQ(max(x, 1).to_vector(), (std::vector<float>{7, 9}));
  EXPECT_EQ(max(x, 0, true).shape(), (Shape{1, 3}));
  EXPECT_EQ(max(x, 0).to_vector(), (std::vector<float>{9, 7, 9}));
  EXPECT_EQ(argmax(x, 1).to_vector(), (std::vector<float>{1, 0}));  // first of the tied maxima
  EXPECT_EQ(argmax(x, -2).to_vector(), (std::vector<float>{1, 0, 1}));
}

TEST(OpsReduce, MaxGradientGoesToFirstMaximum) {
  Tensor x = tensor({9, 2, 9, 1}, Shape{2, 2}).requires_grad_(true);
  max(x).backward();
  EXPECT_EQ(x.grad().to_vector(), (std::vector<float>{1, 0, 0, 0}));
  x.zero_grad();
  sum(max(x, 0)).backward();
  EXPECT_EQ(x.grad().to_vector(), (std::vector<float>{1, 1, 0, 0}));
}

TEST(OpsReduce, BackwardsMatchFiniteDifferencesForAllAxisVariants) {
  manual_seed(41);
  Tensor x = randn(Shape{2, 3, 4});
  expect_gradients_match([](const auto& v) { return sum(v[0]); }, {x});
  expect_gradients_match([](const auto& v) { return mean(v[0]); }, {x});
  expect_gradients_match([](const auto& v) { return max(v[0]); }, {x});
  for (std::vector<int64_t> axes : std::vector<std::vector<int64_t>>{{0}, {1}, {2}, {-1}, {0, 2}, {0, 1, 2}})
    for (bool keep : {false, true}) {
      expect_gradients_match([axes, keep](const auto& v) { return sum(v[0], axes, keep); }, {x});
      expect_gradients_match([axes, keep](const auto& v) { return mean(v[0], axes, keep); }, {x});
    }
  for (int64_t axis : {0, 1, 2, -1})
    for (bool keep : {false, true})
      expect_gradients_match([axis, keep](const auto& v) { return max(v[0], axis, keep); }, {x});
}

TEST(OpsReduce, SecondDerivativesMatchFiniteDifferencesOfTheFirst) {
  manual_seed(42);
  Tensor x = randn(Shape{3, 4});
  auto f_sum = [](const Tensor& t) { return sum(pow(sum(t, {1}), 2.0f)); };
  auto f_mean = [](const Tensor& t) { return mul(mean(mul(t, t), {0}, true), mean(t)); };
  auto f_max = [](const Tensor& t) { return sum(pow(max(t, 1), 3.0f)); };
  for (auto f : std::vector<TensorFn>{f_sum, [f_mean](const Tensor& t) { return sum(f_mean(t)); }, f_max})
    expect_gradients_match([f](const auto& v) { return grad(f)(v[0]); }, {x});
  // Closed form: d2/dx2 of sum_i (sum_j x_ij)^2 applied to ones is 2 * 4 in every entry.
  Tensor h = hvp(f_sum, x, ones(Shape{3, 4}));
  for (float v : h.to_vector()) EXPECT_NEAR(v, 8.0f, 1e-5);
}

TEST(OpsReduce, AxisOutOfRangeIsAnIndexError) {
  Tensor x = ones(Shape{2, 3});
  try {
    sum(x, {2});
    FAIL();
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("sum: axis 2 is out of range for a tensor of rank 2"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(mean(x, {-3}), IndexError);
  EXPECT_THROW(max(x, 5), IndexError);
  EXPECT_THROW(argmax(x, -3), IndexError);
  EXPECT_THROW(mean(zeros(Shape{0})), ValueError);
}

TEST(OpsReduce, RepeatedAxisIsAValueErrorAsInPyTorch) {
  // torch.ones(2, 3).sum([0, 0]) raises "dim 0 appears multiple times in the list of dims".
  Tensor x = ones(Shape{2, 3});
  testing::expect_error<ValueError>([&] { sum(x, {0, 0}); }, "sum: axis 0 (dimension 0) appears more than once");
  testing::expect_error<ValueError>([&] { sum(x, {1, -1}, true); }, "sum: axis -1 (dimension 1) appears more than once");
  testing::expect_error<ValueError>([&] { mean(x, {0, -2}); }, "mean: axis -2 (dimension 0) appears more than once");
  EXPECT_EQ(sum(x, {0, 1}).item(), 6.0f);  // distinct axes still reduce together
}

}  // namespace
}  // namespace nabla
