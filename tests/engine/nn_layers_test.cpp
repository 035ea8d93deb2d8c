// Whole layers against PyTorch 1.13: Linear, a tanh MLP with cross-entropy, BatchNorm1d in both modes.
// Reference values from tests/engine/reference/nn_reference.py (run with /usr/bin/python3).
#include <gtest/gtest.h>

#include "nabla/nabla.h"
#include "reference/wave.h"

namespace nabla {
namespace {

using testing::expect_values_near;
using testing::set_data;
using testing::Wave;
using testing::wave;


TEST(NnLayers, LinearForwardAndGradientsMatchPyTorch) {
  nn::Linear layer(3, 2);
  set_data(layer.weight, wave(Shape{2, 3}, 1.3, 0.0, 0.5, Wave::cos));
  set_data(layer.bias, wave(Shape{2}, 0.9, 0.2, 0.1));
  Tensor x = wave(Shape{4, 3}, 0.7, 0.3).requires_grad_();
  Tensor y = layer(x);
  sum(y * wave(Shape{4, 2}, 0.45, 1.0)).backward();
  expect_values_near(y, {-0.14469995f, 0.66320235f, 0.62530702f, -0.44507533f, -0.42687431f, 0.054412805f,
                         -0.13450198f, 0.6583612f}, 1e-5f, "y");
  expect_values_near(x.grad(), {0.060414273f, 0.34509754f, 0.12421209f, 0.2149093f, 0.29323566f, -0.058028921f,
                                0.20676525f, 0.019458856f, -0.19635481f, 0.042145383f, -0.26904401f, -0.1860833f},
                     1e-5f, "dx");
  expect_values_near(layer.weight.grad(), {0.3953357f, 0.00088226725f, -0.39398602f, 0.61614591f, 0.24105266f,
                                           -0.24741131f}, 1e-5f, "dw");
  expect_values_near(layer.bias.grad(), {1.5929229f, 0.75000745f}, 1e-5f, "db");
}

TEST(NnLayers, TanhMlpCrossEntropyGradientsMatchPyTorch) {
  auto model = nn::make_mlp(3, {4}, 2, "tanh");
  auto& l1 = static_cast<nn::Linear&>((*model)[0]);
  auto& l2 = static_cast<nn::Linear&>((*model)[2]);
  set_data(l1.weight, wave(Shape{4, 3}, 0.83, 0.4, 0.6));
  set_data(l1.bias, wave(Shape{4}, 0.37, 0.9, 0.2));
  set_data(l2.weight, wave(Shape{2, 4}, 0.57, 1.7, 0.7, Wave::cos));
  set_data(l2.bias, wave(Shape{2}, 1.1, 0.5, 0.1));
  Tensor loss = cross_entropy((*model)(wave(Shape{5, 3}, 0.61, 0.1)), tensor({0, 1, 1, 0, 1}, Shape{5}));
  loss.backward();
  EXPECT_NEAR(loss.item(), 0.65804476f, 1e-5f);
  expect_values_near(l1.weight.grad(), {0.037395641f, -0.0053837155f, -0.046221144f, -0.052348621f, -0.0033998962f,
                                        0.046775188f, -0.10180792f, 0.034487471f, 0.15834311f, -0.08127477f,
                                        0.10786507f, 0.25809756f}, 2e-5f, "dw1");
  expect_values_near(l1.bias.grad(), {-0.018429207f, 0.0089043994f, -0.06072057f, 0.091995515f}, 2e-5f, "db1");
  expect_values_near(l2.weight.grad(), {-0.091010921f, 0.13816355f, -0.13384974f, 0.044401724f, 0.091010906f,
                                        -0.13816355f, 0.13384974f, -0.04440172f}, 2e-5f, "dw2");
  expect_values_near(l2.bias.grad(), {0.00088729709f, -0.00088728964f}, 2e-5f, "db2");
}

TEST(NnLayers, BatchNorm1dTrainingAndEvaluationMatchPyTorch) {
  nn::BatchNorm1d bn(3);
  set_data(bn.weight, wave(Shape{3}, 0.5, 0.2, 0.5) + 1.0f);
  set_data(bn.bias, wave(Shape{3}, 0.8, 0.1, 0.3));
  Tensor x = wave(Shape{5, 3}, 0.77, 0.5, 2.0).requires_grad_();
  Tensor y = bn(x);
  sum(y * wave(Shape{5, 3}, 0.31, 0.6)).backward();
  expect_values_near(y, {0.6841253f, 1.8228393f, 2.0861542f, 0.42044553f, -0.57296401f, -1.4236002f, -1.7106013f,
                         -0.50112921f, 1.079576f, 1.4244493f, 1.7978839f, 1.2165527f, -0.66866881f, -1.3716395f,
                         -1.4711857f}, 1e-5f, "y");
  expect_values_near(x.grad(), {0.31150255f, 0.42835429f, 0.67353189f, 0.68251491f, 0.81325054f, 0.98603201f,
                                0.35585132f, 0.28450742f, -0.051603206f, -0.37932047f, -0.71479362f, -0.85993129f,
                                -0.97054821f, -0.81131876f, -0.74802959f}, 1e-4f, "dx");
  expect_values_near(bn.weight.grad(), {-0.031277739f, 0.74167222f, 0.89291555f}, 1e-5f, "dweight");
  expect_values_near(bn.bias.grad(), {1.0239823f, 0.59014255f, 0.1000427f}, 1e-5f, "dbias");
  expect_values_near(bn.running_mean, {0.019533399f, 0.0081517501f, -0.0078289388f}, 1e-6f, "running_mean");
  expect_values_near(bn.running_var, {1.1057863f, 1.189805f, 1.1911805f}, 1e-6f, "running_var");
  bn.eval();
  expect_values_near(bn(x), {1.011935f, 2.5404146f, 2.7041395f, 0.69020337f, -0.80392438f, -2.2039587f, -1.9100161f,
                             -0.70364904f, 1.2965239f, 1.9152493f, 2.505579f, 1.4880743f, -0.63869101f,
                             -1.9188079f, -2.2705033f}, 1e-5f, "y_eval");
  EXPECT_EQ(bn.named_buffers().size(), 3u);  // running_mean, running_var, num_batches_tracked
  EXPECT_EQ(bn.named_buffers()[2].first, "num_batches_tracked");
  EXPECT_EQ(bn.num_batches_tracked.item(), 1.0f);  // one training forward; evaluation does not count
}

TEST(NnLayers, BatchNorm1dRejectsWrongFeatureCount) {
  nn::BatchNorm1d bn(3);
  EXPECT_THROW(bn(zeros(Shape{4, 2})), ShapeError);
  EXPECT_THROW(bn(zeros(Shape{1, 3})), ValueError);  // batch statistics of one row are meaningless
}

TEST(NnLayers, ResidualAddsItsInputToTheBodyOutput) {
  auto body = std::make_shared<nn::Linear>(3, 3);
  nn::Residual block(body);
  Tensor x = wave(Shape{2, 3}, 0.4, 0.1);
  Tensor expected = x + (*body)(x);
  expect_values_near(block(x), expected.to_vector(), 0, "residual");
  EXPECT_EQ(block.named_parameters()[0].first, "body.weight");
  nn::Residual mismatched(std::make_shared<nn::Linear>(3, 2));
  EXPECT_THROW(mismatched(x), ShapeError);
}

TEST(NnLayers, ActivationModulesApplyTheirOps) {
  Tensor x = wave(Shape{7}, 0.9, -3.0, 3.0);
  EXPECT_EQ(nn::ReLU()(x).to_vector(), relu(x).to_vector());
  EXPECT_EQ(nn::LeakyReLU(0.2f)(x).to_vector(), leaky_relu(x, 0.2f).to_vector());
  EXPECT_EQ(nn::Tanh()(x).to_vector(), tanh(x).to_vector());
  EXPECT_EQ(nn::Sigmoid()(x).to_vector(), sigmoid(x).to_vector());
  EXPECT_EQ(nn::GELU()(x).to_vector(), gelu(x).to_vector());
  EXPECT_EQ(nn::make_activation("linear"), nullptr);
  EXPECT_THROW(nn::make_activation("swish"), ValueError);
}

}  // namespace
}  // namespace nabla
