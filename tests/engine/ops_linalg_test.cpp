// matmul (2-D, 1-D, batched with broadcast batch) and linear: values, gradients against finite
// differences, second derivatives, errors.
#include <gtest/gtest.h>

#include "gradcheck.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

using testing::expect_gradients_match;

TEST(OpsLinalg, MatmulMatchesHandComputedProducts) {
  Tensor a = tensor({1, 2, 3, 4, 5, 6}, Shape{2, 3}), b = tensor({7, 8, 9, 10, 11, 12}, Shape{3, 2});
  EXPECT_EQ(matmul(a, b).to_vector(), (std::vector<float>{58, 64, 139, 154}));
  Tensor v = tensor({1, 0, -1}, Shape{3});
  EXPECT_EQ(matmul(a, v).to_vector(), (std::vector<float>{-2, -2}));
  EXPECT_EQ(matmul(tensor({1, 1}, Shape{2}), a).to_vector(), (std::vector<float>{5, 7, 9}));
  EXPECT_FLOAT_EQ(matmul(v, v).item(), 2.0f);
}

TEST(OpsLinalg, BatchedMatmulBroadcastsBatchDimensions) {
  manual_seed(51);
  Tensor a = randn(Shape{2, 1, 3, 4}), b = randn(Shape{5, 4, 2});
  Tensor c = matmul(a, b);
  ASSERT_EQ(c.shape(), (Shape{2, 5, 3, 2}));
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 5; ++j)
      for (int r = 0; r < 3; ++r)
        for (int q = 0; q < 2; ++q) {
          double acc = 0;
          for (int k = 0; k < 4; ++k) acc += double(a.data()[(i * 3 + r) * 4 + k]) * b.data()[(j * 4 + k) * 2 + q];
          EXPECT_NEAR(c.data()[((i * 5 + j) * 3 + r) * 2 + q], acc, 1e-5);
        }
}

TEST(OpsLinalg, BackwardsMatchFiniteDifferences) {
  manual_seed(52);
  expect_gradients_match([](const auto& v) { return matmul(v[0], v[1]); }, {randn(Shape{3, 4}), randn(Shape{4, 2})});
  expect_gradients_match([](const auto& v) { return matmul(v[0], v[1]); }, {randn(Shape{4}), randn(Shape{4, 2})});
  expect_gradients_match([](const auto& v) { return matmul(v[0], v[1]); }, {randn(Shape{3, 4}), randn(Shape{4})});
  expect_gradients_match([](const auto& v) { return matmul(v[0], v[1]); },
                         {randn(Shape{2, 1, 3, 4}), randn(Shape{5, 4, 2})});
  expect_gradients_match([](const auto& v) { return matmul(v[0], v[1]); }, {randn(Shape{2, 3, 4}), randn(Shape{4, 2})});
  expect_gradients_match([](const auto& v) { return linear(v[0], v[1], v[2]); },
                         {randn(Shape{3, 4}), randn(Shape{2, 4}), randn(Shape{2})});
  expect_gradients_match([](const auto& v) { return linear(v[0], v[1]); }, {randn(Shape{3, 4}), randn(Shape{2, 4})});
}

TEST(OpsLinalg, SecondDerivativesMatchFiniteDifferencesAndClosedForms) {
  manual_seed(53);
  Tensor b = randn(Shape{4, 2});
  // f(A) = sum((A B)^2): its Hessian applied to V is 2 V B B^T.
  TensorFn f = [b](const Tensor& a) { return sum(pow(matmul(a, b), 2.0f)); };
  Tensor a = randn(Shape{3, 4}), v = randn(Shape{3, 4});
  Tensor expected = mul(matmul(matmul(v, b), transpose(b)), 2.0f);
  std::vector<float> h = hvp(f, a, v).to_vector(), e = expected.to_vector();
  for (size_t i = 0; i < h.size(); ++i) EXPECT_NEAR(h[i], e[i], 1e-4);
  expect_gradients_match([f](const auto& t) { return grad(f)(t[0]); }, {a});
  // Batched and linear, through a non-linearity so the second derivative involves both operands.
  Tensor bb = randn(Shape{2, 4, 3}), w = randn(Shape{2, 4}), bias = randn(Shape{2});
  TensorFn g = [bb](const Tensor& t) { return sum(tanh(matmul(t, bb))); };
  TensorFn l = [w, bias](const Tensor& t) { return sum(tanh(linear(t, w, bias))); };
  expect_gradients_match([g](const auto& t) { return grad(g)(t[0]); }, {randn(Shape{2, 3, 4})});
  expect_gradients_match([l](const auto& t) { return grad(l)(t[0]); }, {randn(Shape{3, 4})});
}

TEST(OpsLinalg, ShapeErrorsNameBothShapes) {
  try {
    matmul(ones(Shape{2, 3}), ones(Shape{4, 2}));
    FAIL();
  } catch (const ShapeError& e) {
    EXPECT_NE(std::string(e.what()).find("matmul: shapes [2, 3] and [4, 2] do not fit"), std::string::npos) << e.what();
  }
  EXPECT_THROW(matmul(ones(Shape{2, 2, 3}), ones(Shape{3, 3, 2})), ShapeError);  // batch 2 vs 3
  EXPECT_THROW(matmul(scalar(1.0f), ones(Shape{2})), ShapeError);
  EXPECT_THROW(linear(ones(Shape{2, 3}), ones(Shape{4, 2})), ShapeError);
  EXPECT_THROW(linear(ones(Shape{2, 3}), ones(Shape{4, 3}), ones(Shape{3})), ShapeError);
}

}  // namespace
}  // namespace nabla
