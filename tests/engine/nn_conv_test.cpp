// Convolution and pooling layers against PyTorch 1.13, and the MNIST convnet preset.
// Reference values from tests/engine/reference/nn_reference.py (run with /usr/bin/python3).
#include <gtest/gtest.h>

#include "nabla/nabla.h"
#include "reference/wave.h"

namespace nabla {
namespace {

using testing::expect_values_near;
using testing::wave;

TEST(NnConv, ConvReluPoolStackMatchesPyTorch) {
  nn::Conv2d conv(2, 3, 3, {.padding = 1});
  std::vector<float> w = wave(Shape{3, 2, 3, 3}, 0.91, 0.7, 0.4).to_vector(), b = wave(Shape{3}, 1.7, 0.3, 0.1).to_vector();
  std::copy(w.begin(), w.end(), conv.weight.data());
  std::copy(b.begin(), b.end(), conv.bias.data());
  nn::Sequential net{std::shared_ptr<nn::Module>(&conv, [](nn::Module*) {}), std::make_shared<nn::ReLU>(),
                     std::make_shared<nn::MaxPool2d>(2), std::make_shared<nn::AvgPool2d>(3)};
  Tensor x = wave(Shape{2, 2, 6, 6}, 0.53, 0.2).requires_grad_();
  Tensor y = net(x);
  ASSERT_EQ(y.shape(), (Shape{2, 3, 1, 1}));
  sum(y * wave(Shape{2, 3, 1, 1}, 0.66, 0.4)).backward();
  expect_values_near(y, {1.7581606f, 1.274812f, 0.88349199f, 1.7415985f, 1.2774593f, 0.90915161f}, 1e-5f, "y");
  expect_values_near(conv.weight.grad(),
                     {0.82574999f, 0.81237191f, 0.57609051f, -0.83272982f, -0.80229139f, -0.55171561f, 0.55583644f,
                      0.53551924f, 0.36826313f, 0.84906232f, 0.73449641f, 0.4183951f, -0.84858197f, -0.71759903f,
                      -0.3897171f, 0.56641752f, 0.47898814f, 0.26013121f, -0.42718601f, -0.28144968f, 0.014207769f,
                      0.63999134f, 0.45050511f, 0.075553253f, -0.63862991f, -0.4668335f, -0.12565827f, -0.41236189f,
                      -0.15787181f, 0.14653534f, 0.61778253f, 0.29711062f, -0.10053785f, -0.61084795f, -0.32928044f,
                      0.039602276f, -0.069645382f, -0.20342679f, -0.20365913f, 0.18159427f, 0.35491112f, 0.3532654f,
                      -0.23065095f, -0.36594394f, -0.36772555f, -0.16832039f, -0.25684652f, -0.15407644f, 0.31992316f,
                      0.41826013f, 0.29520544f, -0.35576743f, -0.41411757f, -0.31860757f},
                     1e-5f, "dw");
  expect_values_near(conv.bias.grad(), {1.0794933f, 0.97377354f, 0.4590537f}, 1e-5f, "db");
  EXPECT_NEAR(sum(x.grad() * wave(Shape{2, 2, 6, 6}, 0.29, 0.8)).item(), -0.086997271f, 1e-5f);
}

TEST(NnConv, MnistConvnetHasTheDocumentedShapeAndSize) {
  auto net = nn::make_mnist_convnet();
  // conv 12@5x5, bn, conv 24@5x5 (both padded: 28 -> 14 -> 7), bn, linear 24*7*7 -> 10.
  EXPECT_EQ(net->parameter_count(), (12 * 25 + 12) + 2 * 12 + (24 * 12 * 25 + 24) + 2 * 24 + (24 * 49 * 10 + 10));
  EXPECT_EQ(net->parameter_count(), 19378);
  EXPECT_EQ((*net)(zeros(Shape{3, 1, 28, 28})).shape(), (Shape{3, 10}));
  // make_model's convnet also takes flat rows.
  EXPECT_EQ(nn::make_model("convnet", 784, 10)->forward(zeros(Shape{2, 784})).shape(), (Shape{2, 10}));
  EXPECT_THROW(nn::Conv2d(1, 8, 0), ValueError);
  EXPECT_THROW(nn::Conv2d(1, 8, 3, {.stride = 0}), ValueError);
}

TEST(NnConv, DropoutModuleIsIdentityInEvalMode) {
  nn::Dropout drop(0.5f);
  Tensor x = ones(Shape{1000});
  manual_seed(1);
  std::vector<float> y = drop(x).to_vector();
  int zeros_seen = 0;
  for (float v : y) {
    EXPECT_TRUE(v == 0.0f || v == 2.0f);
    zeros_seen += v == 0.0f;
  }
  EXPECT_GT(zeros_seen, 400);
  EXPECT_LT(zeros_seen, 600);
  drop.eval();
  EXPECT_EQ(drop(x).to_vector(), x.to_vector());
  EXPECT_THROW(nn::Dropout(1.0f), ValueError);
}

}  // namespace
}  // namespace nabla
