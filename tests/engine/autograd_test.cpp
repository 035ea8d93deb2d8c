// The autograd core: accumulation, graph release, deep graphs, higher-order and functional gradients.
#include <gtest/gtest.h>

#include <cmath>

#include "gradcheck.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

TEST(Autograd, MicrogradExampleMatchesPyTorchValues) {
  // micrograd's README expression (nabla/autograd/micrograd_example.h); PyTorch gives g = 24.7041,
  // dg/da = 138.8338, dg/db = 645.5773.
  auto [a, b, g] = micrograd_example();
  g.backward();
  EXPECT_NEAR(g.item(), 24.7041f, 1e-4);
  EXPECT_NEAR(a.grad().item(), 138.8338f, 1e-3);
  EXPECT_NEAR(b.grad().item(), 645.5773f, 1e-3);
}

TEST(Autograd, GradientsAccumulateAcrossBackwardCalls) {
  Tensor x = scalar(3.0f).requires_grad_();
  (x * x).backward();
  (x * x).backward();
  EXPECT_FLOAT_EQ(x.grad().item(), 12.0f);
  x.zero_grad();
  EXPECT_FALSE(x.grad().defined());
}

TEST(Autograd, SecondBackwardWithoutRetainGraphThrows) {
  Tensor x = scalar(3.0f).requires_grad_();
  Tensor y = tanh(x) * 2.0f;
  y.backward();
  EXPECT_THROW(y.backward(), AutogradError);
}

TEST(Autograd, RetainGraphAllowsSecondBackward) {
  Tensor x = scalar(0.5f).requires_grad_();
  Tensor y = tanh(x);
  BackwardOptions keep;
  keep.retain_graph = true;
  y.backward(Tensor(), keep);
  y.backward();
  float t = std::tanh(0.5f);
  EXPECT_NEAR(x.grad().item(), 2 * (1 - t * t), 1e-6);
}

TEST(Autograd, BackwardOnNonScalarNeedsGradient) {
  Tensor x = ones(Shape{3}).requires_grad_();
  Tensor y = x * 2.0f;
  EXPECT_THROW(y.backward(), AutogradError);
  EXPECT_THROW(y.backward(ones(Shape{4})), ShapeError);
  y.backward(ones(Shape{3}));
  EXPECT_FLOAT_EQ(x.grad().data()[2], 2.0f);
}

TEST(Autograd, NoGradGuardRecordsNothing) {
  Tensor x = scalar(1.0f).requires_grad_();
  NoGradGuard guard;
  Tensor y = x * 2.0f;
  EXPECT_FALSE(y.requires_grad());
}

TEST(Autograd, HundredThousandOpChainBackwardsWithoutRecursion) {
  Tensor x = scalar(1.0f).requires_grad_();
  Tensor y = x;
  for (int i = 0; i < 100000; ++i) y = y * 1.0f;
  y.backward();
  EXPECT_FLOAT_EQ(x.grad().item(), 1.0f);
}

TEST(Autograd, DroppingAHundredThousandOpGraphWithoutBackwardDoesNotRecurse) {
  Tensor x = scalar(1.0f).requires_grad_();
  {
    Tensor y = x;
    for (int i = 0; i < 100000; ++i) y = tanh(y) + 1.0f;
  }
  SUCCEED();
}

TEST(Autograd, TanhDerivativesUpToOrderFourMatchClosedForms) {
  // With t = tanh(x): t' = 1 - t^2, t'' = -2 t t', t''' = -2 t'^2 - 2 t t'', t'''' = -6 t' t'' - 2 t t'''.
  TensorFn f = [](const Tensor& x) { return tanh(x); };
  TensorFn d1 = grad(f), d2 = grad(d1), d3 = grad(d2), d4 = grad(d3);
  for (float x0 : {-1.3f, -0.2f, 0.0f, 0.7f, 2.0f}) {
    double t = std::tanh(double(x0)), t1 = 1 - t * t, t2 = -2 * t * t1, t3 = -2 * t1 * t1 - 2 * t * t2,
           t4 = -6 * t1 * t2 - 2 * t * t3;
    Tensor x = scalar(x0);
    EXPECT_NEAR(d1(x).item(), t1, 1e-5) << x0;
    EXPECT_NEAR(d2(x).item(), t2, 1e-5) << x0;
    EXPECT_NEAR(d3(x).item(), t3, 1e-4) << x0;
    EXPECT_NEAR(d4(x).item(), t4, 1e-4) << x0;
  }
}

TEST(Autograd, HessianVectorProductOfQuadraticIsMatrixTimesVector) {
  // f(x) = 0.5 x^T A x with symmetric A has Hessian A.
  Tensor A = tensor({2, 1, 0, 1, 3, 1, 0, 1, 4}, Shape{3, 3});
  Tensor v = tensor({1, -1, 2}, Shape{3});
  TensorFn f = [A](const Tensor& x) { return mul(sum(mul(x, matmul(A, x))), 0.5f); };
  Tensor hv = hvp(f, tensor({0.3f, -0.2f, 0.9f}, Shape{3}), v);
  EXPECT_NEAR(hv.data()[0], 1.0f, 1e-5);
  EXPECT_NEAR(hv.data()[1], 0.0f, 1e-5);
  EXPECT_NEAR(hv.data()[2], 7.0f, 1e-5);
}

TEST(Autograd, ValueAndGradReturnsBoth) {
  auto vg = value_and_grad([](const Tensor& x) { return sum(mul(x, x)); });
  auto [value, g] = vg(tensor({1, 2}, Shape{2}));
  EXPECT_FLOAT_EQ(value.item(), 5.0f);
  EXPECT_FLOAT_EQ(g.data()[1], 4.0f);
}

}  // namespace
}  // namespace nabla
