// Elementwise ops: values, gradients against finite differences, second derivatives against closed forms,
// and stability at +-1e4.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "gradcheck.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

using testing::expect_gradients_match;
using Fn = std::function<Tensor(const Tensor&)>;
// A one-argument op as an Fn (the pointer type picks the Tensor overload).
Fn op(Tensor (*f)(const Tensor&)) { return f; }

// Points away from every kink (0 for relu/abs/leaky_relu, the clamp bounds -0.5 and 0.5).
Tensor test_points() { return tensor({-2.1f, -1.3f, -0.7f, -0.2f, 0.3f, 0.8f, 1.4f, 2.2f}, Shape{2, 4}); }

TEST(OpsUnary, ValuesMatchTheStandardLibrary) {
  Tensor x = test_points();
  std::vector<float> v = x.to_vector();
  auto check = [&](const Tensor& y, auto ref) {
    std::vector<float> got = y.to_vector();
    for (size_t i = 0; i < v.size(); ++i) EXPECT_NEAR(got[i], ref(double(v[i])), 1e-6) << "x = " << v[i];
  };
  check(exp(x), [](double t) { return std::exp(t); });
  check(sin(x), [](double t) { return std::sin(t); });
  check(cos(x), [](double t) { return std::cos(t); });
  check(tanh(x), [](double t) { return std::tanh(t); });
  check(sigmoid(x), [](double t) { return 1 / (1 + std::exp(-t)); });
  check(relu(x), [](double t) { return t > 0 ? t : 0; });
  check(leaky_relu(x, 0.1f), [](double t) { return t > 0 ? t : 0.1 * t; });
  check(gelu(x), [](double t) { return 0.5 * t * (1 + std::erf(t / std::sqrt(2.0))); });
  check(softplus(x), [](double t) { return std::log1p(std::exp(t)); });
  check(abs(x), [](double t) { return std::fabs(t); });
  check(clamp(x, -0.5f, 0.5f), [](double t) { return std::fmin(std::fmax(t, -0.5), 0.5); });
  Tensor pos = abs(x);
  std::vector<float> pv = pos.to_vector();
  for (size_t i = 0; i < pv.size(); ++i) {
    EXPECT_NEAR(log(pos).data()[i], std::log(pv[i]), 1e-6);
    EXPECT_NEAR(sqrt(pos).data()[i], std::sqrt(pv[i]), 1e-6);
  }
}

TEST(OpsUnary, BackwardsMatchFiniteDifferences) {
  Tensor x = test_points(), pos = add(abs(test_points()), 0.1f);
  std::vector<Fn> everywhere = {op(exp), op(sin), op(cos), op(tanh), op(sigmoid), op(relu),
                                [](const Tensor& t) { return leaky_relu(t, 0.2f); }, op(gelu), op(softplus), op(abs),
                                [](const Tensor& t) { return clamp(t, -0.5f, 0.5f); }};
  for (size_t k = 0; k < everywhere.size(); ++k) {
    SCOPED_TRACE("op " + std::to_string(k));
    expect_gradients_match([f = everywhere[k]](const auto& v) { return f(v[0]); }, {x});
  }
  expect_gradients_match([](const auto& v) { return log(v[0]); }, {pos});
  expect_gradients_match([](const auto& v) { return sqrt(v[0]); }, {pos});
}

TEST(OpsUnary, GradientsAtKinksFollowPyTorch) {
  Tensor x = tensor({0.0f, 0.0f}, Shape{2}).requires_grad_(true);
  sum(abs(x) + relu(x)).backward();
  EXPECT_EQ(x.grad().to_vector(), (std::vector<float>{0, 0}));
  Tensor c = tensor({-1.0f, 1.0f, 0.0f}, Shape{3}).requires_grad_(true);
  sum(clamp(c, -1.0f, 1.0f)).backward();
  EXPECT_EQ(c.grad().to_vector(), (std::vector<float>{1, 1, 1}));
}

// d/dx sum(f'(x)) = f''(x) elementwise, by grad(grad(.)).
std::vector<float> second_derivative(const Fn& f, const Tensor& x) {
  Fn first = grad([f](const Tensor& t) { return sum(f(t)); });
  return grad([first](const Tensor& t) { return sum(first(t)); })(x).to_vector();
}

TEST(OpsUnary, SecondDerivativesMatchClosedForms) {
  Tensor x = test_points();
  std::vector<float> v = x.to_vector();
  auto check = [&](const Fn& f, auto ref, const Tensor& at) {
    std::vector<float> got = second_derivative(f, at), p = at.to_vector();
    for (size_t i = 0; i < p.size(); ++i) EXPECT_NEAR(got[i], ref(double(p[i])), 1e-4) << "x = " << p[i];
  };
  auto sig = [](double t) { return 1 / (1 + std::exp(-t)); };
  check(op(exp), [](double t) { return std::exp(t); }, x);
  check(op(tanh),
        [](double t) { return -2 * std::tanh(t) * (1 - std::tanh(t) * std::tanh(t)); }, x);
  check(op(sigmoid), [&](double t) { return sig(t) * (1 - sig(t)) * (1 - 2 * sig(t)); },
        x);
  check(op(softplus), [&](double t) { return sig(t) * (1 - sig(t)); }, x);
  check(op(gelu),
        [](double t) { return std::exp(-t * t / 2) / std::sqrt(2 * M_PI) * (2 - t * t); }, x);
  check(op(relu), [](double) { return 0.0; }, x);
  Tensor pos = add(abs(x), 0.1f);
  check(op(log), [](double t) { return -1 / (t * t); }, pos);
  check(op(sqrt), [](double t) { return -0.25 * std::pow(t, -1.5); }, pos);
  check([](const Tensor& t) { return pow(t, 3.0f); }, [](double t) { return 6 * t; }, x);
}

TEST(OpsUnary, SinAndCosDerivativesMatchFiniteDifferencesToOrderSix) {
  // Wide points (periodic functions: all of [-7, 7] matters); each order differences the autograd one below.
  Tensor x = tensor({-6.9f, -4.2f, -2.1f, -0.7f, 0.3f, 1.4f, 2.9f, 5.5f}, Shape{8});
  testing::expect_derivatives_match_to_order(op(sin), x, 6);
  testing::expect_derivatives_match_to_order(op(cos), x, 6);
  testing::expect_derivatives_match_to_order([](const Tensor& t) { return mul(sin(t), mul(cos(t), cos(t))); }, x, 6,
                                             {.eps = 1e-3, .atol = 1e-2, .rtol = 1e-2});
}

TEST(OpsUnary, EveryOpsDerivativesMatchFiniteDifferencesToOrderFour) {
  Tensor x = test_points(), pos = add(abs(test_points()), 0.5f);
  std::vector<Fn> everywhere = {op(exp), op(tanh), op(sigmoid), op(gelu), op(softplus), op(abs), op(relu)};
  for (size_t k = 0; k < everywhere.size(); ++k) {
    SCOPED_TRACE("op " + std::to_string(k));
    testing::expect_derivatives_match_to_order(everywhere[k], x, 4, {.eps = 1e-3, .atol = 5e-3, .rtol = 1e-2});
  }
  testing::expect_derivatives_match_to_order(op(log), pos, 4,
                                             {.eps = 1e-3, .atol = 5e-3, .rtol = 1e-2});
  testing::expect_derivatives_match_to_order(op(sqrt), pos, 4,
                                             {.eps = 1e-3, .atol = 5e-3, .rtol = 1e-2});
}

TEST(OpsUnary, StableAtPlusMinus1e4) {
  Tensor x = tensor({-1e4f, 1e4f}, Shape{2});
  EXPECT_EQ(sigmoid(x).to_vector(), (std::vector<float>{0.0f, 1.0f}));
  EXPECT_EQ(softplus(x).to_vector(), (std::vector<float>{0.0f, 1e4f}));
  EXPECT_EQ(tanh(x).to_vector(), (std::vector<float>{-1.0f, 1.0f}));
  EXPECT_EQ(gelu(x).to_vector(), (std::vector<float>{-0.0f, 1e4f}));
  EXPECT_NEAR(log(tensor({1e4f}, Shape{1})).item(), std::log(1e4), 1e-5);
  for (const Fn& f : std::vector<Fn>{op(sigmoid), op(softplus), op(tanh)}) {
    Tensor p = x.detach().requires_grad_(true);
    sum(f(p)).backward();
    for (float g : p.grad().to_vector()) EXPECT_TRUE(std::isfinite(g));
  }
  Tensor p = x.detach().requires_grad_(true);
  sum(softplus(p)).backward();
  EXPECT_EQ(p.grad().to_vector(), (std::vector<float>{0.0f, 1.0f}));
}

TEST(OpsUnary, LogFollowsPyTorchAtZeroAndBelow) {
  std::vector<float> y = log(tensor({0.0f, -1.0f}, Shape{2})).to_vector();
  EXPECT_TRUE(std::isinf(y[0]) && y[0] < 0);
  EXPECT_TRUE(std::isnan(y[1]));
}

TEST(OpsUnary, ClampWithCrossedBoundsIsAValueError) {
  try {
    clamp(ones(Shape{2}), 1.0f, 0.0f);
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_NE(std::string(e.what()).find("clamp: lower bound 1.000000 is above upper bound 0.000000"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace nabla
