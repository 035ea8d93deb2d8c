// User-defined elementwise ops: values against closed forms, the backward against finite differences (to the
// fourth order), the errors of bad programs, and a user op training as an MLP's activation.
#include <gtest/gtest.h>

#include <cmath>

#include "expect_error.h"
#include "gradcheck.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

using testing::expect_error;

// swish(x) = x sigmoid(x);  swish'(x) = s(x) (1 + x (1 - s(x)))
ElementwiseOp swish() {
  return ElementwiseOp("swish", "x x sigmoid mul", "x sigmoid 1 x 1 x sigmoid sub mul add mul");
}
Tensor points() { return tensor({-3.1f, -1.2f, -0.4f, 0.3f, 0.9f, 2.5f}, Shape{2, 3}); }
double sig(double t) { return 1 / (1 + std::exp(-t)); }

TEST(OpsUserOp, ForwardAndDerivativeMatchClosedForms) {
  ElementwiseOp op = swish();
  Tensor x = points();
  std::vector<float> v = x.to_vector(), y = op(x).to_vector(), d = op.derivative(x).to_vector();
  for (size_t i = 0; i < v.size(); ++i) {
    EXPECT_NEAR(y[i], v[i] * sig(v[i]), 1e-6);
    EXPECT_NEAR(d[i], sig(v[i]) * (1 + v[i] * (1 - sig(v[i]))), 1e-6);
  }
  EXPECT_EQ(op(x).shape(), x.shape());
}

TEST(OpsUserOp, BackwardMatchesFiniteDifferencesToTheFourthOrder) {
  ElementwiseOp op = swish();
  testing::expect_gradients_match([&](const std::vector<Tensor>& in) { return op(in[0]); }, {points()});
  testing::expect_derivatives_match_to_order([&](const Tensor& t) { return op(t); }, points(), 4);
}

TEST(OpsUserOp, RecordsOneNodeNamedAfterTheOp) {
  ElementwiseOp op = swish();
  Tensor x = points().requires_grad_(true);
  Tensor y = op(x);
  ASSERT_TRUE(y.grad_fn());
  EXPECT_STREQ(y.grad_fn()->op, "swish");
}

TEST(OpsUserOp, ConstantsAndParametersWork) {
  // f(x) = 2 clamp(x, -1, 1) - 3: constant folding, a parameterised token, a constant derivative.
  ElementwiseOp op("hardish", "2 x clamp:-1:1 mul 3 sub", "2 1 1 add div");
  Tensor x = points().requires_grad_(true);
  std::vector<float> v = x.to_vector(), y = op(x).to_vector();
  for (size_t i = 0; i < v.size(); ++i) EXPECT_NEAR(y[i], 2 * std::fmin(std::fmax(v[i], -1.f), 1.f) - 3, 1e-6);
  sum(op(x)).backward();
  for (float g : x.grad().to_vector()) EXPECT_FLOAT_EQ(g, 1.0f);  // the user's (wrong) constant derivative
}

TEST(OpsUserOp, BadProgramsNameTheProblem) {
  expect_error<ValueError>([] { ElementwiseOp("f", "x sigmod", "1"); }, "unknown token 'sigmod'");
  expect_error<ValueError>([] { ElementwiseOp("f", "x", "x mul"); }, "'mul' needs 2 operand(s) but finds 1");
  expect_error<ValueError>([] { ElementwiseOp("f", "x x", "1"); }, "leaves 2 values instead of one");
  expect_error<ValueError>([] { ElementwiseOp("f", "", "1"); }, "the program is empty");
  expect_error<ValueError>([] { ElementwiseOp("f", "x clamp:1:-1", "1"); }, "lower bound is above");
  expect_error<ShapeError>([] { ElementwiseOp("f", "x x mul", "x sum 2 mul"); },
                           "the derivative gives shape [] for an input of shape [3]");
  expect_error<ValueError>([] { register_elementwise_op(ElementwiseOp("tanh", "x", "1")); }, "built-in name");
  expect_error<ValueError>([] { register_elementwise_op(ElementwiseOp("2f", "x", "1")); }, "not an identifier");
}

TEST(OpsUserOp, RegisteredOpTrainsAsAnActivation) {
  register_elementwise_op(swish());
  ASSERT_TRUE(find_elementwise_op("swish"));
  manual_seed(0);
  auto model = nn::make_mlp(2, {8}, 1, "swish");
  EXPECT_NE(model->describe().find("swish()"), std::string::npos);
  // y = x0 * x1 on 64 points: the loss must fall by 4x or more in 300 Adam steps.
  Tensor x = rand(Shape{64, 2}, -1.0f, 1.0f);
  Tensor t = mul(slice(x, 1, 0, 1), slice(x, 1, 1, 2));
  optim::Adam opt(model->parameters(), optim::AdamOptions{.lr = 0.03f});
  float first = 0, last = 0;
  for (int step = 0; step < 300; ++step) {
    opt.zero_grad();
    Tensor loss = mse_loss(model->forward(x), t);
    loss.backward();
    opt.step();
    (step == 0 ? first : last) = loss.item();
  }
  EXPECT_LT(last, first / 4) << "first " << first << ", last " << last;
  unregister_elementwise_op("swish");
  EXPECT_FALSE(find_elementwise_op("swish"));
  expect_error<ValueError>([] { nn::make_activation("swish"); }, "unknown name 'swish'");
}

}  // namespace
}  // namespace nabla
