// Anomaly mode: the first op whose result or gradient holds NaN/Inf throws, naming it; off by default.
#include <gtest/gtest.h>

#include <cmath>

#include "nabla/autograd/anomaly.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Anomaly, OffByDefaultLetsNaNThrough) {
  EXPECT_FALSE(is_anomaly_mode_enabled());
  Tensor y = log(tensor({-1.0f}, Shape{1}));
  EXPECT_TRUE(std::isnan(y.data()[0]));
}

TEST(Anomaly, NamesTheFirstOpThatProducedNaN) {
  AnomalyModeGuard on;
  Tensor x = tensor({1.0f, -2.0f, 3.0f}, Shape{3}).requires_grad_(true);
  std::string msg = error_of([&] { sum(mul(log(x), 2.0f)); });
  EXPECT_NE(msg.find("anomaly: op 'log' produced NaN/Inf (NaN at element 1 of shape [3]); input shapes [3]"),
            std::string::npos)
      << msg;
}

TEST(Anomaly, ChecksOpsOutsideTheGraphToo) {
  AnomalyModeGuard on;
  NoGradGuard no_grad;
  std::string msg = error_of([] { div(ones(Shape{2, 2}), zeros(Shape{2})); });
  EXPECT_NE(msg.find("anomaly: op 'div' produced NaN/Inf (+Inf at element 0 of shape [2, 2]); input shapes [2, 2], [2]"),
            std::string::npos)
      << msg;
}

TEST(Anomaly, SaysWhenTheInputWasAlreadyNonFinite) {
  AnomalyModeGuard on;
  Tensor bad = Tensor::from_vector({1.0f, INFINITY}, Shape{2});  // made without an op: not checked
  std::string msg = error_of([&] { add(bad, 1.0f); });
  EXPECT_NE(msg.find("op 'add' produced NaN/Inf"), std::string::npos) << msg;
  EXPECT_NE(msg.find("input 0 already held NaN/Inf before this op"), std::string::npos) << msg;
}

TEST(Anomaly, NamesTheOpWhoseBackwardProducedInf) {
  // sqrt(0) is finite, its derivative 1 / (2 sqrt(0)) is not.
  Tensor x = tensor({0.0f, 4.0f}, Shape{2}).requires_grad_(true);
  Tensor y = sum(sqrt(x));
  AnomalyModeGuard on;
  std::string msg = error_of([&] { y.backward(); });
  EXPECT_NE(msg.find("anomaly: op 'div' produced NaN/Inf (+Inf at element 0 of shape [2]) in the backward of op 'sqrt'"),
            std::string::npos)
      << msg;
}

TEST(Anomaly, ChecksGradientsThatBackwardClosuresBuildWithoutOps) {
  // A closure that writes its gradient directly (as fused kernels may) is checked after it returns.
  Tensor x = ones(Shape{2}).requires_grad_(true);
  Tensor y = record("my_op", ones(Shape{2}), {x}, [](const Tensor& dy, Grads& g) {
    g[0] += Tensor::from_vector({0.0f, NAN}, Shape{2});
  });
  AnomalyModeGuard on;
  std::string msg = error_of([&] { y.backward(ones(Shape{2})); });
  EXPECT_NE(msg.find("anomaly: backward of op 'my_op' produced NaN/Inf in the gradient of input 0 (NaN at "
                     "element 1 of shape [2])"),
            std::string::npos)
      << msg;
}

TEST(Anomaly, FiniteComputationsAreUnaffectedAndGuardRestores) {
  {
    AnomalyModeGuard on;
    Tensor x = randn(Shape{4, 3}).requires_grad_(true);
    Tensor loss = cross_entropy(x, tensor({0, 1, 2, 1}, Shape{4}));
    loss.backward();
    EXPECT_TRUE(std::isfinite(loss.item()));
    EXPECT_TRUE(is_anomaly_mode_enabled());
    {
      AnomalyModeGuard off(false);
      EXPECT_FALSE(is_anomaly_mode_enabled());
    }
    EXPECT_TRUE(is_anomaly_mode_enabled());
  }
  EXPECT_FALSE(is_anomaly_mode_enabled());
  set_anomaly_mode(true);
  EXPECT_TRUE(is_anomaly_mode_enabled());
  set_anomaly_mode(false);
}

}  // namespace
}  // namespace nabla
