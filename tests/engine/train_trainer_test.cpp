// The Trainer: its whole-loop API, its errors, and the training goals it must reach on small problems
// (linear regression to 1e-3, >= 98% on moons), plus the per-step cost of a tiny MLP.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>

#include "nabla/data/dataset.h"
#include "nabla/nabla.h"
#include "sample_data.h"

namespace nabla {
namespace {

nn::TrainerOptions options(const char* loss, const char* optimizer, float lr, int64_t batch = 32) {
  nn::TrainerOptions o;
  o.loss = nn::parse_loss_kind(loss);
  o.optimizer.name = optimizer;
  o.optimizer.lr = lr;
  o.batch_size = batch;
  return o;
}

TEST(TrainTrainer, LinearRegressionOnThreeVariablesRecoversCoefficientsTo1e3) {
  // y = 0.7 x0 - 1.2 x1 + 2.0 x2 - 0.3 exactly; minibatch Adam, then a cosine-decayed learning rate.
  auto [x, y] = testing::linear_regression_data(256, {0.7f, -1.2f, 2.0f}, -0.3f, 11);
  manual_seed(1);
  auto model = std::make_shared<nn::Linear>(3, 1);
  nn::Trainer trainer(model, options("mse", "adam", 0.05f));
  trainer.set_data(x, y);
  for (int round = 0; round < 20; ++round) {
    trainer.set_lr(optim::cosine_lr(0.05f, round, 20, 1e-4f));
    trainer.step(100);
  }
  nn::Metrics m = trainer.evaluate(x, y);
  EXPECT_LT(m.loss, 1e-6f);
  EXPECT_TRUE(std::isnan(m.accuracy));  // regression on one output has no accuracy
  std::vector<float> w = model->weight.to_vector();
  EXPECT_NEAR(w[0], 0.7f, 1e-3f);
  EXPECT_NEAR(w[1], -1.2f, 1e-3f);
  EXPECT_NEAR(w[2], 2.0f, 1e-3f);
  EXPECT_NEAR(model->bias.item(), -0.3f, 1e-3f);
}

TEST(TrainTrainer, MlpReachesNinetyEightPercentOnMoons) {
  Dataset moons = make_moons(512, 0.1f, 5);
  manual_seed(2);
  nn::Trainer trainer(nn::make_model("mlp:16,16:tanh", 2, 2), options("cross_entropy", "adam", 0.02f));
  trainer.set_data(moons.x, moons.y);
  trainer.step(3000);
  nn::Metrics m = trainer.evaluate(moons.x, moons.y);
  EXPECT_GE(m.accuracy, 0.98f);
  EXPECT_LT(m.loss, 0.1f);
  EXPECT_EQ(trainer.steps_done(), 3000);
  EXPECT_EQ(trainer.epochs_done(), 3000 / 16);  // 512 / 32 = 16 steps per epoch
}

TEST(TrainTrainer, EveryLossKindLearnsMoons) {
  Dataset moons = make_moons(256, 0.1f, 6);
  struct Case { const char* loss; int64_t outputs; };
  for (Case c : {Case{"cross_entropy", 2}, Case{"hinge", 2}, Case{"mse", 2}, Case{"bce", 1}, Case{"bce", 2}}) {
    manual_seed(3);
    nn::Trainer trainer(nn::make_model("mlp:16,16:relu", 2, c.outputs), options(c.loss, "adam", 0.02f));
    trainer.set_data(moons.x, moons.y);
    nn::Metrics first = trainer.step(8);
    trainer.step(1500);
    nn::Metrics m = trainer.evaluate(moons.x, moons.y);
    EXPECT_LT(m.loss, first.loss) << c.loss;
    EXPECT_GE(m.accuracy, 0.95f) << c.loss << " with " << c.outputs << " outputs";
  }
}

TEST(TrainTrainer, PredictGivesProbabilitiesInEvalModeWithoutAGraph) {
  Dataset blobs = make_blobs(60, 3, 0.5f, 1);
  nn::Trainer trainer(nn::make_model("mlp:8:relu:0.5", 2, 3), options("cross_entropy", "sgd", 0.1f));
  trainer.set_data(blobs.x, blobs.y);
  trainer.step(5);
  Tensor p = trainer.predict(blobs.x);
  ASSERT_EQ(p.shape(), (Shape{60, 3}));
  EXPECT_FALSE(p.requires_grad());
  for (int64_t i = 0; i < 60; ++i)
    EXPECT_NEAR(p.data()[3 * i] + p.data()[3 * i + 1] + p.data()[3 * i + 2], 1.0f, 1e-5f);
  // eval mode: dropout is off, so two predictions agree exactly
  EXPECT_EQ(trainer.predict(blobs.x).to_vector(), p.to_vector());
  EXPECT_TRUE(trainer.model().is_training());  // restored after predict
}

TEST(TrainTrainer, SameSeedsGiveTheSameTrainingRun) {
  Dataset xor_data = make_xor(200, 0.1f, 2);
  auto run = [&] {
    manual_seed(9);
    nn::TrainerOptions o = options("cross_entropy", "sgd", 0.1f, 16);
    o.optimizer.momentum = 0.9f;
    o.optimizer.nesterov = true;
    o.seed = 4;
    nn::Trainer trainer(nn::make_model("mlp:8,8:tanh", 2, 2), o);
    trainer.set_data(xor_data.x, xor_data.y);
    trainer.step(100);
    return trainer.model().parameters()[0].to_vector();
  };
  EXPECT_EQ(run(), run());
}

TEST(TrainTrainer, RegularisationShrinksWeights) {
  Dataset moons = make_moons(128, 0.1f, 7);
  auto weight_norm = [&](float l1, float l2) {
    manual_seed(5);
    nn::TrainerOptions o = options("cross_entropy", "sgd", 0.1f);
    o.l1 = l1;
    o.l2 = l2;
    nn::Trainer trainer(nn::make_model("mlp:8:tanh", 2, 2), o);
    trainer.set_data(moons.x, moons.y);
    trainer.step(400);
    double s = 0;
    for (float v : trainer.named_parameters()[0].second.to_vector()) s += std::abs(v);
    return s;
  };
  double plain = weight_norm(0, 0);
  EXPECT_LT(weight_norm(0, 0.05f), 0.8 * plain);
  EXPECT_LT(weight_norm(0.02f, 0), 0.8 * plain);
}

TEST(TrainTrainer, HyperparametersChangeBetweenCalls) {
  Dataset moons = make_moons(64, 0.1f, 8);
  nn::Trainer trainer(nn::make_model("mlp:4", 2, 2), options("cross_entropy", "sgd", 0.1f));
  trainer.set_data(moons.x, moons.y);
  trainer.step(3);
  optim::Optimizer* before = &trainer.optimizer();
  optim::OptimizerConfig c = trainer.options().optimizer;
  c.lr = 0.01f;
  trainer.set_optimizer(c);
  EXPECT_EQ(&trainer.optimizer(), before);  // only the learning rate changed: state kept
  EXPECT_FLOAT_EQ(trainer.optimizer().lr(), 0.01f);
  c.name = "adamw";
  trainer.set_optimizer(c);
  trainer.set_batch_size(7);
  trainer.set_loss(nn::LossKind::hinge);
  trainer.step(3);
  auto grads = trainer.gradients();
  ASSERT_EQ(grads.size(), trainer.named_parameters().size());
  for (const Tensor& g : grads) EXPECT_TRUE(g.defined());
}

TEST(TrainTrainer, BadInputIsRejectedWithClearErrors) {
  auto model = nn::make_model("mlp:4", 2, 2);
  EXPECT_THROW(nn::Trainer(nullptr), ValueError);
  EXPECT_THROW(nn::Trainer(model, options("huber", "sgd", 0.1f)), ValueError);
  EXPECT_THROW(nn::Trainer(model, options("mse", "lbfgs", 0.1f)), ValueError);
  EXPECT_THROW(nn::Trainer(model, options("mse", "sgd", 0.1f, 0)), ValueError);
  nn::Trainer trainer(model, options("cross_entropy", "sgd", 0.1f));
  EXPECT_THROW(trainer.step(1), ValueError);  // no data yet
  EXPECT_THROW(trainer.set_data(zeros(Shape{4, 2}), zeros(Shape{3})), ShapeError);
  EXPECT_THROW(trainer.set_data(zeros(Shape{2, 2}), tensor({0, 1.5f}, Shape{2})), ValueError);
  EXPECT_THROW(trainer.set_data(zeros(Shape{2, 2}), tensor({0, -1}, Shape{2})), ValueError);
  trainer.set_data(zeros(Shape{2, 2}), tensor({0, 1}, Shape{2}));
  EXPECT_THROW(trainer.step(0), ValueError);
  EXPECT_THROW(trainer.set_regularization(-1, 0), ValueError);
  EXPECT_THROW(trainer.set_lr(-0.1f), ValueError);
  EXPECT_THROW(trainer.evaluate(zeros(Shape{2, 2}), zeros(Shape{2, 2})), ShapeError);
}

TEST(TrainTrainer, TinyMlpStepIsCheap) {
  // The playground's default network: 2-16-16-2, batch 32, SGD. Prints the measured cost per step.
  Dataset moons = make_moons(1024, 0.1f, 9);
  for (const char* spec : {"mlp:16,16:tanh", "mlp:16,16:relu"}) {
    manual_seed(6);
    nn::Trainer trainer(nn::make_model(spec, 2, 2), options("cross_entropy", "sgd", 0.1f));
    trainer.set_data(moons.x, moons.y);
    nn::Metrics first = trainer.step(20);
    const int64_t steps = 10000;
    auto t0 = std::chrono::steady_clock::now();
    nn::Metrics last = trainer.step(steps);
    double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() / steps;
    std::printf("[ timing ] %s (2 in, 2 out), batch 32, SGD: %.2f us per training step\n", spec, us);
    EXPECT_LT(last.loss, first.loss) << spec;
    EXPECT_GT(last.accuracy, 0.85f) << spec;
  }
}

TEST(TrainTrainer, RegularisationIsThePenaltyOpsGradient) {
  // The gradients of one full-batch step against the same loss written by hand:
  // data loss + l1 sum|W| + l2 sum W^2 over the weights (rank >= 2), biases exempt.
  Dataset moons = make_moons(16, 0.1f, 3);
  auto run = [&](bool by_hand) {
    manual_seed(4);
    auto model = nn::make_model("mlp:4:tanh", 2, 2);
    nn::TrainerOptions o = options("cross_entropy", "sgd", 0.5f, 16);
    if (!by_hand) o.l1 = 0.01f, o.l2 = 0.02f;
    nn::Trainer trainer(model, o);
    trainer.set_data(moons.x, moons.y);
    if (!by_hand) {
      trainer.step(1);
      return trainer.named_gradients();
    }
    Tensor loss = cross_entropy(model->forward(moons.x), moons.y);
    for (const auto& [name, p] : model->named_parameters())
      if (p.rank() >= 2) loss = loss + 0.01f * l1_penalty(p) + 0.02f * l2_penalty(p);
    loss.backward();
    NamedTensors g;
    for (const auto& [name, p] : model->named_parameters()) g.emplace_back(name, p.grad());
    return g;
  };
  NamedTensors trained = run(false), expected = run(true);
  ASSERT_EQ(trained.size(), expected.size());
  for (size_t i = 0; i < trained.size(); ++i) {
    std::vector<float> a = trained[i].second.to_vector(), b = expected[i].second.to_vector();
    for (size_t j = 0; j < a.size(); ++j) EXPECT_NEAR(a[j], b[j], 1e-6f) << trained[i].first;
  }
}

TEST(TrainTrainer, ActivationsSetWeightAndNamedGradientsLiveInTheTrainer) {
  Dataset moons = make_moons(8, 0.1f, 1);
  auto model = nn::make_model("mlp:3:relu", 2, 2);
  nn::Trainer trainer(model, options("cross_entropy", "sgd", 0.1f));
  for (const auto& [name, g] : trainer.named_gradients()) EXPECT_EQ(sum(g).item(), 0.0f) << name;  // zeros
  NamedTensors layers = trainer.activations(moons.x);
  ASSERT_EQ(layers.size(), 3u);  // Linear, ReLU, Linear
  EXPECT_EQ(layers[0].first, "0");
  EXPECT_EQ(layers[1].second.shape(), (Shape{8, 3}));
  EXPECT_EQ(layers[2].second.to_vector(), model->forward(moons.x).to_vector());
  EXPECT_FALSE(layers[2].second.requires_grad());
  EXPECT_TRUE(model->is_training());
  trainer.set_weight("2.bias", 1, 0.25f);
  EXPECT_EQ(model->named_parameters()[3].second.to_vector()[1], 0.25f);
  EXPECT_THROW(trainer.set_weight("2.bias", 2, 1), IndexError);
  EXPECT_THROW(trainer.set_weight("9.bias", 0, 1), ValueError);
  trainer.set_data(moons.x, moons.y);
  trainer.step(1);
  NamedTensors g = trainer.named_gradients();
  EXPECT_EQ(g[0].first, "0.weight");
  EXPECT_NE(sum(abs(g[0].second)).item(), 0.0f);
}

TEST(TrainTrainer, StepReturnsEachParametersGradientNormOfItsLastStep) {
  // Against the norms of named_gradients() computed here, in double: same order, same values; a conv net
  // (weights of rank 4, batch-norm parameters) as the MNIST page trains it.
  Dataset moons = make_moons(64, 0.1f, 2);
  Tensor images = Tensor::empty(Shape{64, 16});
  for (int64_t i = 0; i < images.numel(); ++i) images.data()[i] = moons.x.data()[(i * 7) % moons.x.numel()];
  manual_seed(3);
  auto model = nn::make_model("conv(3,3)-bn-relu-flatten-linear(2)", 16, 2);
  nn::Trainer trainer(model, options("cross_entropy", "sgd", 0.1f, 16));
  trainer.set_data(images, moons.y);
  for (int64_t n : {1, 3}) {
    nn::Metrics m = trainer.step(n);
    NamedTensors g = trainer.named_gradients();
    ASSERT_EQ(m.grad_norms.size(), g.size());
    ASSERT_EQ(g.size(), 6u);  // conv weight, bias; bn weight, bias; linear weight, bias
    for (size_t k = 0; k < g.size(); ++k) {
      double s = 0;
      for (float v : g[k].second.to_vector()) s += double(v) * v;
      EXPECT_GT(s, 0.0) << g[k].first;
      EXPECT_NEAR(m.grad_norms[k], std::sqrt(s), 1e-6 * std::sqrt(s)) << g[k].first;
    }
  }
  EXPECT_TRUE(trainer.evaluate(images, moons.y).grad_norms.empty());
}

TEST(TrainTrainer, OptionsReadTheLearningRateFromTheOptimizer) {
  nn::Trainer trainer(nn::make_model("mlp:4", 2, 2), options("cross_entropy", "adam", 0.1f));
  trainer.optimizer().set_lr(0.03f);  // e.g. by a schedule
  EXPECT_FLOAT_EQ(trainer.options().optimizer.lr, 0.03f);
  optim::OptimizerConfig c = trainer.options().optimizer;
  optim::Optimizer* before = &trainer.optimizer();
  c.lr = 0.01f;
  trainer.set_optimizer(c);
  EXPECT_EQ(&trainer.optimizer(), before);
  c.beta1 = 0.8f;
  EXPECT_FALSE(optim::differs_only_in_lr(trainer.options().optimizer, c));
}

}  // namespace
}  // namespace nabla
