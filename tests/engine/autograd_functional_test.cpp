// Function transforms (functional.h): each against a closed form, each nested in another, and each bad input
// as the error that names it.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "expect_error.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

using testing::expect_error;

void expect_values(const Tensor& got, const std::vector<double>& want, double tol, const char* what) {
  ASSERT_EQ(got.numel(), static_cast<int64_t>(want.size())) << what;
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got.data()[i], want[i], tol) << what << " [" << i << "]";
}

// Rosenbrock, as in HIPS autograd's example: 100 (y - x^2)^2 + (1 - x)^2 of the vector p = (x, y).
Tensor rosenbrock(const Tensor& p) {
  Tensor x = index_select(p, 0, {0}), y = index_select(p, 0, {1});
  return sum(add(mul(pow(sub(y, mul(x, x)), 2.0f), 100.0f), pow(1.0f - x, 2.0f)));
}

TEST(Functional, GradWithArgnumsGivesEachPartialDerivative) {
  // f(x, y, z) = sum(x y^2) + z: df/dx = y^2, df/dy = 2 x y; z is not asked for.
  TensorListFn f = [](const std::vector<Tensor>& a) { return add(sum(mul(a[0], mul(a[1], a[1]))), sum(a[2])); };
  Tensor x = tensor({1, 2}, Shape{2}), y = tensor({3, -1}, Shape{2}), z = scalar(5);
  std::vector<Tensor> g = grad(f, {1, 0})({x, y, z});
  ASSERT_EQ(g.size(), 2u);
  expect_values(g[0], {6, -4}, 1e-6, "df/dy");
  expect_values(g[1], {9, 1}, 1e-6, "df/dx");
  auto [value, gs] = value_and_grad(f, {2})({x, y, z});
  EXPECT_FLOAT_EQ(value.item(), 1 * 9 + 2 * 1 + 5);
  EXPECT_FLOAT_EQ(gs[0].item(), 1.0f);
}

TEST(Functional, JacobianHasOutputThenInputShape) {
  // f(x) = A x for x of shape [3]: J = A, shape [2, 3]; an elementwise f of a [2, 2] input: [2, 2, 2, 2], diagonal.
  Tensor A = tensor({1, 2, 3, -4, 5, -6}, Shape{2, 3});
  Tensor J = jacobian([A](const Tensor& x) { return matmul(A, x); })(tensor({0.1f, 0.2f, 0.3f}, Shape{3}));
  EXPECT_EQ(J.shape(), (Shape{2, 3}));
  expect_values(J, {1, 2, 3, -4, 5, -6}, 1e-6, "J = A");
  Tensor x = tensor({0.5f, -1, 2, 0.25f}, Shape{2, 2});
  Tensor D = jacobian([](const Tensor& t) { return sin(t); })(x);
  EXPECT_EQ(D.shape(), (Shape{2, 2, 2, 2}));
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j)
      EXPECT_NEAR(D.data()[i * 4 + j], i == j ? std::cos(double(x.data()[i])) : 0.0, 1e-6) << i << "," << j;
}

TEST(Functional, HessianOfRosenbrockMatchesTheClosedForm) {
  // H = [[1200 x^2 - 400 y + 2, -400 x], [-400 x, 200]].
  Tensor p = tensor({-1.2f, 1.0f}, Shape{2});
  Tensor H = hessian(rosenbrock)(p);
  EXPECT_EQ(H.shape(), (Shape{2, 2}));
  expect_values(H, {1200 * 1.44 - 400 + 2, 480, 480, 200}, 1e-2, "hessian");
  expect_values(jacobian(grad(rosenbrock))(p), {1330, 480, 480, 200}, 1e-2, "jacobian of grad");
  expect_values(grad(rosenbrock)(p), {-215.6, -88}, 1e-3, "gradient");
}

TEST(Functional, JvpAndVjpAreJacobianProducts) {
  TensorFn f = [](const Tensor& x) { return mul(sin(x), sum(mul(x, x))); };  // not elementwise: J is full
  Tensor x = tensor({0.3f, -0.8f, 1.1f}, Shape{3}), v = tensor({1, 2, -1}, Shape{3}), u = tensor({0.5f, -1, 2}, Shape{3});
  Tensor J = jacobian(f)(x);
  std::vector<double> jv(3, 0), uj(3, 0);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      jv[i] += J.data()[i * 3 + j] * v.data()[j];
      uj[j] += u.data()[i] * J.data()[i * 3 + j];
    }
  auto [out, tangent] = jvp(f, x, v);
  std::vector<float> fx = f(x).to_vector();
  expect_values(out, std::vector<double>(fx.begin(), fx.end()), 1e-6, "jvp value");
  expect_values(tangent, jv, 1e-5, "jvp = J v");
  auto [out2, pull] = vjp(f, x);
  expect_values(pull(u), uj, 1e-5, "vjp = u^T J");
  expect_values(pull(v), [&] {  // a second call on the same graph
    std::vector<double> w(3, 0);
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) w[j] += v.data()[i] * J.data()[i * 3 + j];
    return w;
  }(), 1e-5, "vjp again");
  expect_values(elementwise_grad([](const Tensor& t) { return sin(t); })(x),
                {std::cos(0.3), std::cos(-0.8), std::cos(1.1)}, 1e-6, "elementwise_grad(sin)");
  Tensor hv = hvp(rosenbrock, tensor({-1.2f, 1.0f}, Shape{2}), tensor({1, -1}, Shape{2}));
  expect_values(hv, {1330 - 480, 480 - 200}, 1e-2, "hvp");
}

TEST(Functional, TransformsNest) {
  // grad of jacobian: d/dx sum(J(x)) for f = sin elementwise is -sin(x) (J is diagonal, cos on it).
  Tensor x = tensor({0.3f, -0.8f, 1.1f}, Shape{3});
  Tensor g = grad([](const Tensor& t) { return sum(jacobian([](const Tensor& s) { return sin(s); })(t)); })(x);
  expect_values(g, {-std::sin(0.3), std::sin(0.8), -std::sin(1.1)}, 1e-6, "grad of jacobian");
  // hessian of a function built on grad: f(x) = sum(grad(h)(x)) with h = sum(x^4)/4 is sum(x^3): H = diag(6x).
  TensorFn inner = grad([](const Tensor& t) { return mul(sum(pow(t, 4.0f)), 0.25f); });
  Tensor H = hessian([inner](const Tensor& t) { return sum(inner(t)); })(x);
  expect_values(H, {1.8, 0, 0, 0, -4.8, 0, 0, 0, 6.6}, 1e-5, "hessian of grad");
  // jvp through a grad: J of grad(rosenbrock) is H, so jvp gives H v.
  auto [_, hv] = jvp(grad(rosenbrock), tensor({-1.2f, 1.0f}, Shape{2}), tensor({1, -1}, Shape{2}));
  expect_values(hv, {1330 - 480, 480 - 200}, 1e-2, "jvp of grad");
  // third order: jacobian of hessian of sum(x^4)/4 is 6x on the triple diagonal.
  Tensor T = jacobian(hessian([](const Tensor& t) { return mul(sum(pow(t, 4.0f)), 0.25f); }))(x);
  EXPECT_EQ(T.shape(), (Shape{3, 3, 3}));
  for (int i = 0; i < 27; ++i) EXPECT_NEAR(T.data()[i], (i % 13 == 0) ? 6.0 * x.data()[i / 13] : 0.0, 1e-5) << i;
  // a transform inside f that closes over the outer argument: d/dv sum(H v) = the Hessian's row sums.
  Tensor p = tensor({-1.2f, 1.0f}, Shape{2});
  std::vector<Tensor> gv = grad([](const std::vector<Tensor>& a) { return sum(hvp(rosenbrock, a[0], a[1])); },
                                {1})({p, tensor({1, -1}, Shape{2})});
  expect_values(gv[0], {1810, 680}, 1e-2, "grad of hvp in v");
}

TEST(Functional, BadInputIsAnErrorNamingTheProblem) {
  TensorListFn f = [](const std::vector<Tensor>& a) { return sum(mul(a[0], a[1])); };
  Tensor x = tensor({1, 2}, Shape{2});
  expect_error<IndexError>([&] { grad(f, {2})({x, x}); }, "grad: argnums 2 is out of range for a call with 2 arguments");
  expect_error<ValueError>([&] { grad(f, {0, 0}); }, "grad: argnums repeats argument 0");
  expect_error<ValueError>([&] { grad(TensorFn()); }, "grad: f is an empty function");
  expect_error<ValueError>([&] { jacobian(TensorFn()); }, "jacobian: f is an empty function");
  expect_error<AutogradError>([&] { grad([](const Tensor& t) { return mul(t, 2.0f); })(x); },
                              "grad: f must return a one-element tensor (a scalar), got shape [2]");
  expect_error<AutogradError>([&] { hessian([](const Tensor& t) { return mul(t, 2.0f); })(x); },
                              "hessian: f must return a one-element tensor (a scalar), got shape [2]");
  TensorFn s = [](const Tensor& t) { return sum(mul(t, t)); };
  expect_error<ShapeError>([&] { hvp(s, x, ones(Shape{3})); }, "hvp: v of shape [3] does not fit x of shape [2]");
  expect_error<ShapeError>([&] { jvp(s, x, ones(Shape{2, 1})); }, "jvp: tangent of shape [2, 1] does not fit primal of shape [2]");
  auto [value, pull] = vjp([](const Tensor& t) { return sin(t); }, x);
  expect_error<ShapeError>([&] { pull(ones(Shape{3})); }, "vjp: cotangent of shape [3] does not fit output of shape [2]");
  EXPECT_NEAR(pull(ones(Shape{2})).data()[0], std::cos(1.0), 1e-6);  // still usable after the error
}

}  // namespace
}  // namespace nabla
