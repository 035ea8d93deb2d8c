// BatchNorm2d against PyTorch 1.13 (training, running statistics, eval, without affine), DropConnect on
// Linear, the named layer initialisers and the MLP preset's He initialisation.
// Reference values from tests/engine/reference/nn_reference.py (run with /usr/bin/python3).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "nabla/nabla.h"
#include "sample_data.h"
#include "reference/wave.h"

namespace nabla {
namespace {

using testing::expect_values_near;
using testing::set_data;
using testing::max_abs;
using testing::std_of;
using testing::wave;


Tensor identity(int64_t n) {
  Tensor t = zeros(Shape{n, n});
  for (int64_t i = 0; i < n; ++i) t.data()[i * n + i] = 1.0f;
  return t;
}

Tensor first(const Tensor& t, int64_t n) { return Tensor::from_data(t.data(), Shape{n}); }

TEST(NnBatchNorm2d, TrainingRunningStatisticsAndEvalMatchPyTorch) {
  nn::BatchNorm2d bn(3);
  set_data(bn.weight, wave(Shape{3}, 0.5, 0.2, 0.5) + 1.0f);
  set_data(bn.bias, wave(Shape{3}, 0.8, 0.1, 0.3));
  Tensor x = wave(Shape{2, 3, 4, 5}, 0.37, 0.5, 2.0).requires_grad_();
  Tensor c = wave(Shape{2, 3, 4, 5}, 0.23, 0.6);
  Tensor y = bn(x);
  Tensor loss = sum(y * c);
  loss.backward();
  expect_values_near(first(y, 8), {0.7716648f, 1.2048562f, 1.4807559f, 1.5620222f, 1.4376562f, 1.12449f,
                                   0.66490942f, 0.12111644f}, 1e-5f, "y");
  EXPECT_NEAR(loss.item(), 1.2249905f, 1e-4f);
  expect_values_near(first(x.grad(), 8), {0.55161321f, 0.7245301f, 0.85294956f, 0.92793995f, 0.94491309f,
                                          0.90395236f, 0.80967617f, 0.67066127f}, 1e-4f, "dx");
  EXPECT_NEAR(sum(x.grad() * c).item(), 53.196404f, 1e-3f);
  expect_values_near(bn.weight.grad(), {-5.4978752f, 3.9085975f, -0.26808485f}, 1e-4f, "dweight");
  expect_values_near(bn.bias.grad(), {-2.7279251f, 10.486674f, 0.37571096f}, 1e-4f, "dbias");
  bn(wave(Shape{2, 3, 4, 5}, 0.41, 0.9, 1.5));  // a second batch moves the running statistics again
  expect_values_near(bn.running_mean, {0.02708476f, -0.0033468581f, -0.02271216f}, 1e-5f, "running_mean");
  expect_values_near(bn.running_var, {1.1209589f, 1.1098475f, 1.0872453f}, 1e-5f, "running_var");
  bn.eval();
  Tensor ye = bn(x);
  expect_values_near(first(ye, 8), {0.99742591f, 1.5890703f, 1.9658887f, 2.0768809f, 1.907024f, 1.4793078f,
                                    0.85162151f, 0.10891957f}, 1e-5f, "y_eval");
  EXPECT_NEAR(sum(ye * c).item(), 1.2777195f, 1e-4f);
}

TEST(NnBatchNorm2d, WithoutAffineHasNoParametersAndHonoursEpsAndMomentum) {
  nn::BatchNorm2d bn(3, {.eps = 1e-3f, .momentum = 0.3f, .affine = false});
  EXPECT_EQ(bn.parameter_count(), 0);
  EXPECT_EQ(bn.named_buffers().size(), 3u);  // running_mean, running_var, num_batches_tracked
  Tensor y = bn(wave(Shape{2, 3, 4, 5}, 0.37, 0.5, 2.0));
  expect_values_near(first(y, 6), {0.67453456f, 1.06849f, 1.3194002f, 1.393306f, 1.2802043f, 0.99540287f}, 1e-5f,
                     "y");
  expect_values_near(bn.running_var, {1.3433838f, 1.3526864f, 1.24103f}, 1e-5f, "running_var");
}

TEST(NnBatchNorm2d, BadInputGetsClearErrors) {
  EXPECT_THROW(nn::BatchNorm2d(0), ValueError);
  EXPECT_THROW(nn::BatchNorm2d(3, {.momentum = 1.5f}), ValueError);
  nn::BatchNorm2d bn(3);
  EXPECT_THROW(bn(zeros(Shape{4, 3})), ShapeError);         // rows, not images: the wrong rank
  EXPECT_THROW(bn(zeros(Shape{2, 4, 5, 5})), ShapeError);   // 4 channels for 3
  EXPECT_THROW(bn(zeros(Shape{1, 3, 1, 1})), ValueError);   // one value per channel has no variance
  nn::BatchNorm1d bn1(3);
  EXPECT_THROW(bn1(zeros(Shape{2, 3, 4, 4})), ShapeError);
  try {
    bn(zeros(Shape{4, 3}));
  } catch (const ShapeError& e) {
    EXPECT_NE(std::string(e.what()).find("expected input (N, 3, H, W)"), std::string::npos) << e.what();
  }
  bn.eval();
  EXPECT_EQ(bn(zeros(Shape{1, 3, 1, 1})).shape(), (Shape{1, 3, 1, 1}));  // eval needs no batch statistics
}

TEST(NnDropConnect, DropsWeightsInTrainingWithInvertedScalingAndNoneInEval) {
  manual_seed(3);
  nn::Linear layer(200, 100, {.drop_connect = 0.25f});
  Tensor x = identity(200);  // row i of the output is column i of the effective weight, plus the bias
  Tensor w = layer.weight.detach().clone();
  Tensor y = layer(x) - layer.bias;
  int64_t dropped = 0;
  for (int64_t i = 0; i < 200; ++i)
    for (int64_t o = 0; o < 100; ++o) {
      float got = y.data()[i * 100 + o], full = w.data()[o * 200 + i];
      if (got == 0.0f) ++dropped;
      else ASSERT_NEAR(got, full / 0.75f, 1e-5f * (1 + std::abs(full)));
    }
  EXPECT_NEAR(double(dropped) / 20000, 0.25, 0.015);  // 20,000 Bernoulli draws: sd 0.003
  // The gradient reaches exactly the weights that were kept, scaled as they were.
  manual_seed(5);
  Tensor y2 = layer(x);
  sum(y2).backward();
  for (int64_t o = 0; o < 100; ++o)
    for (int64_t i = 0; i < 200; ++i) {
      float kept = y2.data()[i * 100 + o] - layer.bias.data()[o];
      float dw = layer.weight.grad().data()[o * 200 + i];
      ASSERT_FLOAT_EQ(dw, kept == 0.0f ? 0.0f : 1.0f / 0.75f);
    }
  layer.eval();
  expect_values_near(layer(x) - layer.bias, transpose(w, 0, 1).to_vector(), 1e-6f, "eval uses W");
  EXPECT_THROW(nn::Linear(3, 2, {.drop_connect = 1.0f}), ValueError);
  EXPECT_THROW(nn::Linear(3, 2, {.drop_connect = -0.1f}), ValueError);
}


TEST(NnInit, LayerInitialisersFollowPyTorchFormulas) {
  // A conv weight (64, 36, 3, 3): fan_in 36 * 9, fan_out 64 * 9. Bounds and deviations from nn_reference.py's
  // formulas; 20,736 samples put the sample deviation within ~1% of the true one.
  const double fan_in = 324, fan_out = 576;
  auto conv = [](nn::init::Init init) {
    manual_seed(11);
    return nn::Conv2d(36, 64, 3, {.init = init});
  };
  nn::Conv2d d = conv(nn::init::Init::default_);
  EXPECT_LE(max_abs(d.weight), 1 / std::sqrt(fan_in));
  EXPECT_GT(max_abs(d.weight), 0.99 / std::sqrt(fan_in));
  EXPECT_GT(max_abs(d.bias), 0.0f);
  nn::Conv2d xu = conv(nn::init::Init::xavier_uniform);
  EXPECT_LE(max_abs(xu.weight), std::sqrt(6 / (fan_in + fan_out)) + 1e-6);
  EXPECT_NEAR(std_of(xu.weight), std::sqrt(2 / (fan_in + fan_out)), 0.02 * std::sqrt(2 / (fan_in + fan_out)));
  EXPECT_EQ(max_abs(xu.bias), 0.0f);
  nn::Conv2d xn = conv(nn::init::Init::xavier_normal);
  EXPECT_NEAR(std_of(xn.weight), std::sqrt(2 / (fan_in + fan_out)), 0.02 * std::sqrt(2 / (fan_in + fan_out)));
  nn::Conv2d ku = conv(nn::init::Init::kaiming_uniform);
  EXPECT_LE(max_abs(ku.weight), std::sqrt(6 / fan_in) + 1e-6);
  EXPECT_NEAR(std_of(ku.weight), std::sqrt(2 / fan_in), 0.02 * std::sqrt(2 / fan_in));
  nn::Conv2d kn = conv(nn::init::Init::kaiming_normal);
  EXPECT_NEAR(std_of(kn.weight), std::sqrt(2 / fan_in), 0.02 * std::sqrt(2 / fan_in));
  EXPECT_EQ(max_abs(kn.bias), 0.0f);
  nn::Linear z(5, 4, {.init = nn::init::Init::zeros});
  EXPECT_EQ(max_abs(z.weight) + max_abs(z.bias), 0.0f);
  for (auto i : {nn::init::Init::default_, nn::init::Init::xavier_uniform, nn::init::Init::kaiming_normal,
                 nn::init::Init::zeros})
    EXPECT_EQ(nn::init::parse_init(nn::init::init_name(i)), i);
  EXPECT_THROW(nn::init::parse_init("glorot"), ValueError);
}

TEST(NnInit, DefaultInitDrawsTheSameNumbersAsBefore) {
  // The default keeps PyTorch's bound and the draw order (weight, then bias), so seeded models are unchanged.
  manual_seed(4);
  nn::Linear a(7, 3);
  manual_seed(4);
  Tensor w = Tensor::empty(Shape{3, 7}), b = Tensor::empty(Shape{3});
  nn::init::uniform_(w, -1 / std::sqrt(7.0f), 1 / std::sqrt(7.0f));
  nn::init::uniform_(b, -1 / std::sqrt(7.0f), 1 / std::sqrt(7.0f));
  EXPECT_EQ(a.weight.to_vector(), w.to_vector());
  EXPECT_EQ(a.bias.to_vector(), b.to_vector());
}

TEST(NnPresets, ReluMlpHiddenLayersStartFromHeInit) {
  manual_seed(0);
  auto relu = nn::make_mlp(400, {300}, 10, "relu");
  auto& hidden = static_cast<nn::Linear&>((*relu)[0]);
  auto& output = static_cast<nn::Linear&>((*relu)[2]);
  EXPECT_NEAR(std_of(hidden.weight), std::sqrt(2.0 / 400), 0.02 * std::sqrt(2.0 / 400));
  EXPECT_EQ(max_abs(hidden.bias), 0.0f);
  EXPECT_LE(max_abs(output.weight), 1 / std::sqrt(300.0f));  // the output layer keeps PyTorch's default
  EXPECT_GT(max_abs(output.bias), 0.0f);
  auto tanh = nn::make_mlp(400, {300}, 10, "tanh");
  EXPECT_LE(max_abs(static_cast<nn::Linear&>((*tanh)[0]).weight), 1 / std::sqrt(400.0f));
}

}  // namespace
}  // namespace nabla
