// Layout ops: reshape, flatten, permute, transpose, concat, slice, index_select, roll. Values, gradients against
// finite differences, second derivatives through the scatter ops, and errors.
#include <gtest/gtest.h>

#include "expect_error.h"
#include "gradcheck.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

using testing::expect_error;
using testing::expect_gradients_match;

TEST(OpsLayout, ReshapeInfersOneDimensionAndSharesData) {
  Tensor x = arange(0, 6);
  Tensor y = reshape(x, {2, -1});
  EXPECT_EQ(y.shape(), (Shape{2, 3}));
  EXPECT_EQ(y.data(), x.data());
  EXPECT_EQ(flatten(reshape(x, {1, 2, 3})).shape(), (Shape{1, 6}));
  expect_error<ShapeError>([&] { reshape(x, {4, -1}); }, "reshape: cannot infer -1");
  expect_error<ShapeError>([&] { reshape(x, {4, 2}); }, "reshape: shape [6] (6 elements) cannot become [4, 2]");
}

TEST(OpsLayout, PermuteAndTransposeMoveElements) {
  Tensor x = reshape(arange(0, 6), {2, 3});
  EXPECT_EQ(transpose(x).to_vector(), (std::vector<float>{0, 3, 1, 4, 2, 5}));
  Tensor y = permute(reshape(arange(0, 24), {2, 3, 4}), {2, 0, 1});
  EXPECT_EQ(y.shape(), (Shape{4, 2, 3}));
  EXPECT_EQ(y.data()[1], 4.0f);  // y[0, 0, 1] = x[0, 1, 0]
  expect_error<ValueError>([&] { permute(x, {0, 0}); }, "permute: order [0, 0] repeats an axis");
  expect_error<IndexError>([&] { transpose(x, 0, 2); }, "transpose: axis 2 is out of range");
}

TEST(OpsLayout, ConcatJoinsAlongAnyAxis) {
  Tensor a = reshape(arange(0, 4), {2, 2}), b = reshape(arange(10, 12), {2, 1});
  EXPECT_EQ(concat({a, b}, 1).to_vector(), (std::vector<float>{0, 1, 10, 2, 3, 11}));
  EXPECT_EQ(concat({a, transpose(b)}, 0).to_vector(), (std::vector<float>{0, 1, 2, 3, 10, 11}));
  EXPECT_EQ(concat({a, b}, -1).shape(), (Shape{2, 3}));
}

TEST(OpsLayout, BadConcatNamesTheMismatch) {
  Tensor a = ones(Shape{2, 2});
  expect_error<ShapeError>([&] { concat({a, ones(Shape{3, 1})}, 1); },
                           "concat: tensor 1 has shape [3, 1], which does not match [2, 2] outside axis 1");
  expect_error<ShapeError>([&] { concat({a, ones(Shape{2})}, 0); }, "concat: tensor 1 has shape [2]");
  expect_error<ValueError>([&] { concat({}, 0); }, "concat: no tensors");
  expect_error<IndexError>([&] { concat({a, a}, 2); }, "concat: axis 2 is out of range");
}

TEST(OpsLayout, SliceFollowsPythonSlicing) {
  Tensor x = reshape(arange(0, 12), {3, 4});
  EXPECT_EQ(slice(x, 1, 1, 3).to_vector(), (std::vector<float>{1, 2, 5, 6, 9, 10}));
  EXPECT_EQ(slice(x, 1, 0, 100, 2).to_vector(), (std::vector<float>{0, 2, 4, 6, 8, 10}));
  EXPECT_EQ(slice(x, 0, -1, 3).to_vector(), (std::vector<float>{8, 9, 10, 11}));
  EXPECT_EQ(slice(x, 0, 2, 1).shape(), (Shape{0, 4}));
  expect_error<ValueError>([&] { slice(x, 0, 0, 2, 0); }, "slice: step must be positive, got 0");
  expect_error<IndexError>([&] { slice(x, 3, 0, 1); }, "slice: axis 3 is out of range");
}

TEST(OpsLayout, IndexSelectPicksAndRepeats) {
  Tensor x = reshape(arange(0, 6), {3, 2});
  EXPECT_EQ(index_select(x, 0, {2, 0, 2}).to_vector(), (std::vector<float>{4, 5, 0, 1, 4, 5}));
  EXPECT_EQ(index_select(x, 1, {1}).to_vector(), (std::vector<float>{1, 3, 5}));
  expect_error<IndexError>([&] { index_select(x, 0, {0, 3}); },
                           "index_select: index 3 at position 1 is out of range for axis 0 of size 3");
}

TEST(OpsLayout, BackwardsMatchFiniteDifferences) {
  manual_seed(21);
  Tensor x = randn(Shape{2, 3, 4}), y = randn(Shape{2, 2, 4});
  expect_gradients_match([](const auto& v) { return reshape(v[0], {4, -1}); }, {x});
  expect_gradients_match([](const auto& v) { return flatten(v[0]); }, {x});
  expect_gradients_match([](const auto& v) { return permute(v[0], {1, 2, 0}); }, {x});
  expect_gradients_match([](const auto& v) { return transpose(v[0], 0, 2); }, {x});
  expect_gradients_match([](const auto& v) { return concat({v[0], v[1], v[0]}, 1); }, {x, y});
  for (int64_t axis : {0, 1, 2})
    expect_gradients_match([axis](const auto& v) { return slice(v[0], axis, 1, 5, 2); }, {x});
  expect_gradients_match([](const auto& v) { return index_select(v[0], 1, {2, 0, 2, 2}); }, {x});
  expect_gradients_match([](const auto& v) { return index_select(v[0], 2, {3, 1}); }, {x});
}

TEST(OpsLayout, SecondDerivativesFlowThroughSliceConcatAndIndexSelect) {
  manual_seed(22);
  Tensor x = randn(Shape{3, 4});
  auto f = [](const Tensor& t) {
    Tensor a = slice(t, 1, 0, 4, 2), b = index_select(t, 0, {1, 1, 2});
    return sum(pow(concat({a, b}, 1), 3.0f));
  };
  expect_gradients_match([f](const auto& v) { return grad(f)(v[0]); }, {x});
}

TEST(OpsLayout, RollMovesElementsAsNumpyRoll) {
  Tensor x = reshape(arange(0, 6), {2, 3});
  // np.roll(np.arange(6).reshape(2, 3), 1, axis=1) and friends
  EXPECT_EQ(roll(x, 1, 1).to_vector(), (std::vector<float>{2, 0, 1, 5, 3, 4}));
  EXPECT_EQ(roll(x, -1, 1).to_vector(), (std::vector<float>{1, 2, 0, 4, 5, 3}));
  EXPECT_EQ(roll(x, 7, -1).to_vector(), roll(x, 1, 1).to_vector());
  EXPECT_EQ(roll(x, 1, 0).to_vector(), (std::vector<float>{3, 4, 5, 0, 1, 2}));
  EXPECT_EQ(roll(x, 0, 0).to_vector(), x.to_vector());
  expect_error<ShapeError>([] { roll(scalar(1), 1, 0); }, "roll: cannot roll a rank-0 tensor");
  expect_error<IndexError>([&] { roll(x, 1, 2); }, "roll");
}

TEST(OpsLayout, RollBackwardMatchesFiniteDifferencesToTheThirdOrder) {
  manual_seed(23);
  Tensor x = randn(Shape{3, 4});
  for (int64_t axis : {0, 1})
    for (int64_t shift : {1, -2, 5})
      expect_gradients_match([=](const auto& v) { return roll(v[0], shift, axis); }, {x});
  // a stencil, as HIPS's fluidsim computes: the backward of roll is a roll, so every order flows through it
  auto f = [](const Tensor& t) { return sum(pow(roll(t, 1, 0) - roll(t, -1, 1) * t, 3.0f)); };
  expect_gradients_match([f](const auto& v) { return grad(f)(v[0]); }, {x});
  expect_gradients_match([f](const auto& v) { return grad([f](const Tensor& t) { return sum(grad(f)(t)); })(v[0]); }, {x});
}

}  // namespace
}  // namespace nabla
