// Optimizers against PyTorch 1.13 trajectories on a closed-form problem, and learning-rate schedules.
// Reference values from tests/engine/reference/nn_reference.py (run with /usr/bin/python3).
#include <gtest/gtest.h>

#include <cmath>
#include <type_traits>

#include "nabla/nabla.h"
#include "reference/wave.h"
#include "sample_data.h"

namespace nabla {
namespace {

using testing::expect_values_near;
using testing::Wave;
using testing::wave;

// 5 steps on f(p) = sum(a (p - t)^2) + 0.1 sum(p^4), as the reference script does.
template <typename Make>
Tensor run_five_steps(Make make) {
  Tensor a = abs(wave(Shape{5}, 0.9, 0.1, 1.0, Wave::cos)) + 0.5f;
  Tensor t = wave(Shape{5}, 1.3, 0.4, 1.5);
  Tensor p = wave(Shape{5}, 0.7, 0.2, 2.0).requires_grad_();
  auto opt = make(std::vector<Tensor>{p});
  for (int i = 0; i < 5; ++i) {
    opt->zero_grad();
    Tensor d = p - t;
    (sum(a * d * d) + 0.1f * sum(pow(p, 4.0f))).backward();
    opt->step();
  }
  return p;
}

using Params = std::vector<Tensor>;

TEST(Optim, SgdVariantsMatchPyTorch) {
  using optim::SGD;
  expect_values_near(run_five_steps([](Params ps) { return std::make_unique<SGD>(ps, optim::SGDOptions{.lr = 0.1f}); }),
                     {0.53874296f, 1.2056273f, 0.6449002f, -0.87269992f, -0.67983884f}, 1e-5f, "sgd");
  expect_values_near(run_five_steps([](Params ps) {
                       return std::make_unique<SGD>(ps, optim::SGDOptions{.lr = 0.05f, .momentum = 0.9f,
                                                                          .weight_decay = 0.01f});
                     }),
                     {0.62873852f, 0.92484462f, -0.39545229f, -2.3762574f, -1.2554666f}, 1e-5f, "momentum");
  expect_values_near(run_five_steps([](Params ps) {
                       return std::make_unique<SGD>(ps, optim::SGDOptions{.lr = 0.05f, .momentum = 0.9f,
                                                                          .weight_decay = 0.01f, .nesterov = true});
                     }),
                     {0.61807686f, 0.9971748f, -0.32386321f, -2.0377109f, -1.2214237f}, 1e-5f, "nesterov");
  expect_values_near(run_five_steps([](Params ps) {
                       return std::make_unique<SGD>(ps, optim::SGDOptions{.lr = 0.05f, .momentum = 0.9f,
                                                                          .dampening = 0.1f});
                     }),
                     {0.62200236f, 0.94817048f, -0.30014482f, -2.2586353f, -1.1935776f}, 1e-5f, "dampening");
}

TEST(Optim, RmspropVariantsMatchPyTorch) {
  using optim::RMSprop;
  expect_values_near(run_five_steps([](Params ps) { return std::make_unique<RMSprop>(ps, optim::RMSpropOptions{}); }),
                     {0.55869299f, 1.3089162f, 1.6947135f, 1.1776508f, -0.02530824f}, 1e-5f, "rmsprop");
  expect_values_near(run_five_steps([](Params ps) {
                       return std::make_unique<RMSprop>(ps, optim::RMSpropOptions{.weight_decay = 0.01f,
                                                                                  .momentum = 0.5f,
                                                                                  .centered = true});
                     }),
                     {0.56652308f, 1.1707423f, 1.4888071f, 0.9598121f, -0.23363164f}, 1e-5f, "centered");
}

TEST(Optim, AdamAndAdamWMatchPyTorch) {
  using optim::Adam;
  expect_values_near(run_five_steps([](Params ps) { return std::make_unique<Adam>(ps, optim::AdamOptions{.lr = 0.1f}); }),
                     {0.64892644f, 1.1172211f, 1.50629f, 0.99455214f, -0.21188071f}, 1e-5f, "adam");
  expect_values_near(run_five_steps([](Params ps) {
                       return std::make_unique<Adam>(ps, optim::AdamOptions{.lr = 0.1f, .weight_decay = 0.1f});
                     }),
                     {0.61622369f, 1.1103222f, 1.5061285f, 0.99456978f, -0.21163374f}, 1e-5f, "adam_wd");
  expect_values_near(run_five_steps([](Params ps) {
                       return std::make_unique<optim::AdamW>(ps, optim::AdamWOptions{.lr = 0.1f, .weight_decay = 0.1f});
                     }),
                     {0.63977951f, 1.0664188f, 1.4200842f, 0.93185401f, -0.21570963f}, 1e-5f, "adamw");
}

TEST(Optim, FactoryBuildsEachOptimizerByName) {
  for (const char* name : {"sgd", "rmsprop", "adam", "adamw"}) {
    Tensor p = ones(Shape{3}).requires_grad_();
    auto opt = optim::make_optimizer({.name = name, .lr = 0.1f}, {p});
    sum(p * p).backward();
    opt->step();
    EXPECT_LT(p.data()[0], 1.0f) << name;
  }
  Tensor p = ones(Shape{3}).requires_grad_();
  EXPECT_THROW(optim::make_optimizer({.name = "lbfgs"}, {p}), ValueError);
  EXPECT_THROW(optim::make_optimizer({.name = "sgd", .lr = -1.0f}, {p}), ValueError);
  EXPECT_THROW(optim::SGD({p}, {.nesterov = true}), ValueError);
  EXPECT_THROW(optim::Adam({p}, {.beta1 = 1.0f}), ValueError);
  EXPECT_THROW(optim::SGD({ones(Shape{2})}), ValueError);  // not a parameter
}

// The learning rate has one owner, the optimizer: options() reports it and cannot be written through (before,
// SGDOptions::lr was writable through options() and silently ignored by step()).
template <typename Opt>
void expect_lr_owned_by_the_optimizer(Opt& opt) {
  static_assert(!std::is_assignable_v<decltype((opt.options().lr)), float>, "options() must not be writable");
  EXPECT_FLOAT_EQ(opt.options().lr, 0.1f);
  opt.set_lr(0.25f);
  EXPECT_FLOAT_EQ(opt.lr(), 0.25f);
  EXPECT_FLOAT_EQ(opt.options().lr, 0.25f);
}

TEST(Optim, TheLearningRateLivesOnlyInTheOptimizer) {
  Tensor p = ones(Shape{2}).requires_grad_();
  optim::SGD sgd({p}, {.lr = 0.1f});
  optim::Adam adam({p}, {.lr = 0.1f});
  optim::RMSprop rmsprop({p}, {.lr = 0.1f});
  expect_lr_owned_by_the_optimizer(sgd);
  expect_lr_owned_by_the_optimizer(adam);
  expect_lr_owned_by_the_optimizer(rmsprop);
  // And step() uses that rate: p -= 0.25 * grad, grad = 2p = 2.
  sum(p * p).backward();
  sgd.step();
  EXPECT_EQ(p.to_vector(), (std::vector<float>{0.5f, 0.5f}));
}

TEST(Optim, ParametersWithoutGradientsAreLeftAlone) {
  Tensor used = ones(Shape{2}).requires_grad_(), unused = ones(Shape{2}).requires_grad_();
  optim::Adam opt({used, unused}, {.lr = 0.1f});
  sum(used * used).backward();
  opt.step();
  EXPECT_EQ(unused.to_vector(), (std::vector<float>{1, 1}));
  EXPECT_NE(used.to_vector(), (std::vector<float>{1, 1}));
}

TEST(Optim, LinearRegressionOnThreeVariablesRecoversCoefficients) {
  // y = 1.5 x0 - 2 x1 + 0.5 x2 + 0.25, full-batch Adam on mean((pred - y)^2).
  auto [x, y] = testing::linear_regression_data(200, {1.5f, -2.0f, 0.5f}, 0.25f, 3);
  manual_seed(0);
  nn::Linear model(3, 1);
  optim::Adam opt(model.parameters(), {.lr = 0.05f});
  for (int step = 0; step < 1500; ++step) {
    opt.zero_grad();
    Tensor d = model(x) - y;
    mean(d * d).backward();
    opt.step();
  }
  expect_values_near(model.weight, {1.5f, -2.0f, 0.5f}, 1e-3f, "weight");
  expect_values_near(model.bias, {0.25f}, 1e-3f, "bias");
}

TEST(Optim, SchedulesMatchPyTorch) {
  Tensor p = zeros(Shape{1}).requires_grad_();
  optim::SGD opt({p}, {.lr = 0.5f});
  optim::LRScheduler step(opt, {.kind = optim::Schedule::Kind::step, .step_size = 3, .gamma = 0.5f});
  std::vector<float> lrs;
  for (int i = 0; i < 8; ++i) step.step(), lrs.push_back(opt.lr());
  EXPECT_EQ(lrs, (std::vector<float>{0.5f, 0.5f, 0.25f, 0.25f, 0.25f, 0.125f, 0.125f, 0.125f}));

  optim::SGD opt2({p}, {.lr = 0.5f});
  optim::LRScheduler cosine(opt2, {.kind = optim::Schedule::Kind::cosine, .t_max = 5, .eta_min = 0.01f});
  Tensor got = Tensor::empty(Shape{7});
  for (int i = 0; i < 7; ++i) cosine.step(), got.data()[i] = opt2.lr();
  expect_values_near(got, {0.45320916f, 0.33070916f, 0.17929083f, 0.056790836f, 0.0099999998f, 0.056790836f,
                           0.17929083f}, 1e-6f, "cosine");
  EXPECT_THROW(optim::LRScheduler(opt, {.kind = optim::Schedule::Kind::step}), ValueError);
  EXPECT_THROW(optim::LRScheduler(opt, {.kind = optim::Schedule::Kind::cosine}), ValueError);
}

}  // namespace
}  // namespace nabla
