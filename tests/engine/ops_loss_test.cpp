// Losses: values against hand computations, gradients against finite differences, stability at +-1e4,
// and clear errors for bad shapes and labels.
#include <gtest/gtest.h>

#include <cmath>

#include "expect_error.h"
#include "gradcheck.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

using testing::expect_error;
using testing::expect_gradients_match;

TEST(OpsLoss, CrossEntropyMatchesLogSoftmaxByHand) {
  Tensor z = tensor({1, 2, 3, 0.5f, -1, 2}, Shape{2, 3});
  Tensor y = tensor({2, 0}, Shape{2});
  double l0 = std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0)) - 3;
  double l1 = std::log(std::exp(0.5) + std::exp(-1.0) + std::exp(2.0)) - 0.5;
  EXPECT_NEAR(cross_entropy(z, y).item(), (l0 + l1) / 2, 1e-6);
  // The same through the composed path.
  Tensor composed = neg(mean(sum(mul(log_softmax(z), tensor({0, 0, 1, 1, 0, 0}, Shape{2, 3})), {1})));
  EXPECT_NEAR(cross_entropy(z, y).item(), composed.item(), 1e-6);
}

TEST(OpsLoss, CrossEntropyGradientIsSoftmaxMinusOnehotOverN) {
  manual_seed(5);
  Tensor z = randn(Shape{4, 5});
  Tensor y = tensor({0, 4, 2, 2}, Shape{4});
  expect_gradients_match([y](const auto& v) { return cross_entropy(v[0], y); }, {z});
  Tensor p = z.detach().requires_grad_(true);
  cross_entropy(p, y).backward();
  std::vector<float> s = softmax(z).to_vector(), g = p.grad().to_vector();
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 5; ++j)
      EXPECT_NEAR(g[i * 5 + j], (s[i * 5 + j] - (j == static_cast<int>(y.data()[i]) ? 1 : 0)) / 4, 1e-6);
}

TEST(OpsLoss, CrossEntropyIsStableForLogitsOf1e4) {
  Tensor z = tensor({1e4f, -1e4f, 0, -1e4f, 1e4f, 1e4f}, Shape{2, 3});
  Tensor y = tensor({1, 2}, Shape{2});
  Tensor p = z.detach().requires_grad_(true);
  Tensor loss = cross_entropy(p, y);
  // Row 0: label logit -1e4 against a max of 1e4 -> 2e4. Row 1: two equal maxima -> log 2.
  EXPECT_NEAR(loss.item(), (2e4 + std::log(2.0)) / 2, 1e-2);
  loss.backward();
  std::vector<float> g = p.grad().to_vector();
  std::vector<float> expected = {0.5f, -0.5f, 0, 0, 0.25f, -0.25f};
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(g[i], expected[i], 1e-6) << i;
}

TEST(OpsLoss, CrossEntropySecondDerivativeMatchesFiniteDifferences) {
  manual_seed(6);
  Tensor z = randn(Shape{3, 4});
  Tensor y = tensor({3, 1, 0}, Shape{3});
  expect_gradients_match([y](const auto& v) { return grad([y](const Tensor& t) { return cross_entropy(t, y); })(v[0]); },
                         {z});
}

TEST(OpsLoss, CrossEntropyRejectsBadShapesAndLabels) {
  Tensor z = zeros(Shape{2, 3});
  expect_error<ShapeError>([&] { cross_entropy(zeros(Shape{6}), tensor({0}, Shape{1})); },
                           "cross_entropy: expected scores of shape (N, K), got [6]");
  expect_error<ShapeError>([&] { cross_entropy(z, tensor({0, 1, 2}, Shape{3})); },
                           "cross_entropy: labels [3] do not match scores [2, 3]");
  expect_error<ValueError>([&] { cross_entropy(z, tensor({0, 3}, Shape{2})); },
                           "label 3.000000 at position 1 is not a class index in [0, 3)");
  expect_error<ValueError>([&] { cross_entropy(z, tensor({-1, 0}, Shape{2})); }, "not a class index");
  expect_error<ValueError>([&] { cross_entropy(z, tensor({0.5f, 0}, Shape{2})); }, "not a class index");
}

TEST(OpsLoss, NllLossOfLogSoftmaxIsCrossEntropyInValueAndGradient) {
  manual_seed(7);
  Tensor z = randn(Shape{5, 4});
  Tensor y = tensor({3, 0, 1, 1, 2}, Shape{5});
  Tensor lp = log_softmax(z, 1);
  double by_hand = 0;
  for (int i = 0; i < 5; ++i) by_hand -= lp.data()[i * 4 + static_cast<int>(y.data()[i])];
  EXPECT_NEAR(nll_loss(lp, y).item(), by_hand / 5, 1e-6);
  EXPECT_NEAR(nll_loss(log_softmax(z, 1), y).item(), cross_entropy(z, y).item(), 1e-6);
  expect_gradients_match([y](const auto& v) { return nll_loss(v[0], y); }, {lp});
  Tensor a = z.detach().requires_grad_(true), b = z.detach().requires_grad_(true);
  nll_loss(log_softmax(a, 1), y).backward();
  cross_entropy(b, y).backward();
  std::vector<float> ga = a.grad().to_vector(), gb = b.grad().to_vector();
  for (size_t i = 0; i < ga.size(); ++i) EXPECT_NEAR(ga[i], gb[i], 1e-6);
}

TEST(OpsLoss, NllLossRejectsBadShapesAndLabels) {
  expect_error<ShapeError>([&] { nll_loss(zeros(Shape{6}), tensor({0}, Shape{1})); },
                           "nll_loss: expected scores of shape (N, K), got [6]");
  expect_error<ValueError>([&] { nll_loss(zeros(Shape{2, 3}), tensor({0, 3}, Shape{2})); }, "not a class index");
}

TEST(OpsLoss, MseAndL1MatchHandValuesAndGradients) {
  Tensor p = tensor({1, 2, 3}, Shape{3}), t = tensor({0, 4, 3}, Shape{3});
  EXPECT_NEAR(mse_loss(p, t).item(), (1 + 4 + 0) / 3.0, 1e-6);
  EXPECT_NEAR(l1_loss(p, t).item(), (1 + 2 + 0) / 3.0, 1e-6);
  manual_seed(7);
  Tensor a = randn(Shape{2, 3}), b = randn(Shape{2, 3});
  expect_gradients_match([](const auto& v) { return mse_loss(v[0], v[1]); }, {a, b});
  expect_gradients_match([](const auto& v) { return l1_loss(v[0], v[1]); }, {a, b});
  expect_error<ShapeError>([&] { mse_loss(a, ones(Shape{3})); }, "mse_loss: pred [2, 3] and target [3]");
  expect_error<ShapeError>([&] { l1_loss(a, ones(Shape{3, 2})); }, "l1_loss");
}

TEST(OpsLoss, BinaryCrossEntropyWithLogitsMatchesDefinitionAndIsStable) {
  Tensor z = tensor({0.3f, -1.2f, 2.0f}, Shape{3}), t = tensor({1, 0, 0.25f}, Shape{3});
  double expected = 0;
  for (int i = 0; i < 3; ++i) {
    double s = 1 / (1 + std::exp(-double(z.data()[i])));
    expected -= t.data()[i] * std::log(s) + (1 - t.data()[i]) * std::log(1 - s);
  }
  EXPECT_NEAR(binary_cross_entropy_with_logits(z, t).item(), expected / 3, 1e-6);
  manual_seed(8);
  Tensor a = mul(randn(Shape{2, 3}), 3.0f), b = rand(Shape{2, 3});
  expect_gradients_match([b](const auto& v) { return binary_cross_entropy_with_logits(v[0], b); }, {a});

  Tensor big = tensor({1e4f, -1e4f, 1e4f, -1e4f}, Shape{4}).requires_grad_(true);
  Tensor bt = tensor({1, 0, 0, 1}, Shape{4});
  Tensor loss = binary_cross_entropy_with_logits(big, bt);
  EXPECT_NEAR(loss.item(), (0 + 0 + 1e4 + 1e4) / 4, 1e-2);
  loss.backward();
  std::vector<float> g = big.grad().to_vector();
  std::vector<float> eg = {0, 0, 0.25f, -0.25f};
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(g[i], eg[i], 1e-6) << i;
  expect_error<ValueError>([&] { binary_cross_entropy_with_logits(z, tensor({1, 2, 0}, Shape{3})); },
                           "target 2.000000 at position 1 is outside [0, 1]");
  expect_error<ShapeError>([&] { binary_cross_entropy_with_logits(z, ones(Shape{2})); },
                           "binary_cross_entropy_with_logits: logits [3] and targets [2]");
}

TEST(OpsLoss, MultiMarginLossIsTheMicrogradSvmLoss) {
  // Row 0 (label 0): 1 + 2 - 3 = 0, 1 + 1 - 3 < 0 -> 0. Row 1 (label 2): 1 + 1 - 0.5 = 1.5, 1 + 0 - 0.5 = 0.5.
  Tensor s = tensor({3, 2, 1, 1, 0, 0.5f}, Shape{2, 3});
  Tensor y = tensor({0, 2}, Shape{2});
  EXPECT_NEAR(multi_margin_loss(s, y).item(), (0 + 2.0) / 2, 1e-6);
  EXPECT_NEAR(multi_margin_loss(s, y, 2.0f).item(), (1 + 0 + 2.5 + 1.5) / 2, 1e-6);
  manual_seed(9);
  Tensor r = randn(Shape{4, 3});
  Tensor ry = tensor({0, 1, 2, 1}, Shape{4});
  expect_gradients_match([ry](const auto& v) { return multi_margin_loss(v[0], ry); }, {r});
  expect_error<ValueError>([&] { multi_margin_loss(s, tensor({0, 5}, Shape{2})); },
                           "multi_margin_loss: label 5.000000");
}

TEST(OpsLoss, PenaltiesAreSumsOfAbsAndSquares) {
  Tensor w = tensor({1, -2, 3}, Shape{3});
  EXPECT_FLOAT_EQ(l1_penalty(w).item(), 6.0f);
  EXPECT_FLOAT_EQ(l2_penalty(w).item(), 14.0f);
  manual_seed(10);
  Tensor r = randn(Shape{2, 2});
  expect_gradients_match([](const auto& v) { return l1_penalty(v[0]); }, {r});
  expect_gradients_match([](const auto& v) { return l2_penalty(v[0]); }, {r});
}

}  // namespace
}  // namespace nabla
