// Arithmetic ops: values, broadcasting, and gradients against finite differences.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace nabla
