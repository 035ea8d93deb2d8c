// Learning-rate schedules (step, cosine, linear warmup and warmup then another) against PyTorch 1.13's
// StepLR, CosineAnnealingLR, LinearLR and SequentialLR, through the Trainer as training uses them (one
// update at each epoch's end); their text form; bad parameters; the CLI's --schedule and --init.
// Reference rates: tests/engine/reference/schedule_reference.py (/usr/bin/python3), base rate 0.5.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "cli_run.h"
#include "expect_error.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

using testing::expect_error;

const std::map<std::string, std::vector<double>> kPyTorch = {
    {"step:3,0.5", {0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125, 0.125, 0.125, 0.0625, 0.0625, 0.0625}},
    {"step:2", {0.5, 0.5, 0.05, 0.05, 0.005, 0.005, 0.0005, 0.0005, 5e-05, 5e-05, 5e-06, 5e-06}},
    {"cosine:5,0.01",
     {0.5, 0.45320916362186214, 0.33070916362186215, 0.1792908363781379, 0.0567908363781379, 0.01,
      0.05679083637813787, 0.17929083637813795, 0.33070916362186226, 0.45320916362186237, 0.5000000000000002,
      0.4532091636218625}},
    {"cosine:4",
     {0.5, 0.42677669529663687, 0.25, 0.07322330470336313, 0.0, 0.0732233047033631, 0.25000000000000006,
      0.4267766952966371, 0.5000000000000002, 0.4267766952966371, 0.25000000000000017, 0.07322330470336337}},
    {"warmup:4,0.1", {0.05, 0.1625, 0.275, 0.3875, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}},
    {"warmup:3",
     {0.16666666666666666, 0.2777777777777778, 0.3888888888888889, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}},
    {"warmup:2,0.25+step:3,0.5", {0.125, 0.3125, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125, 0.125, 0.125, 0.0625}},
    {"warmup:3,0.1+cosine:6,0.001",
     {0.05, 0.19999999999999998, 0.35, 0.5, 0.4665733382442175, 0.37525000000000003, 0.2505, 0.12575000000000006,
      0.034426661755782545, 0.001, 0.034426661755782545, 0.12575}},
};

// A trainer on 8 rows with batch 4: two steps an epoch; returns the rate each epoch's steps used.
std::vector<float> trainer_rates(const std::string& schedule, int epochs) {
  manual_seed(0);
  nn::TrainerOptions o;
  o.optimizer = {.name = "sgd", .lr = 0.5f};
  o.schedule = optim::parse_schedule(schedule);
  o.batch_size = 4;
  nn::Trainer trainer(nn::make_mlp(2, {3}, 2), o);
  trainer.set_data(randn(Shape{8, 2}), tensor({0, 1, 0, 1, 1, 0, 1, 0}, Shape{8}));
  std::vector<float> rates;
  for (int e = 0; e < epochs; ++e) {
    rates.push_back(trainer.optimizer().lr());
    trainer.step(1);
    EXPECT_EQ(trainer.optimizer().lr(), rates.back()) << "the rate changes only at an epoch's end";
    trainer.step(1);
  }
  return rates;
}

TEST(OptimSchedule, TrainerRatesPerEpochMatchPyTorchSchedulers) {
  for (const auto& [text, want] : kPyTorch) {
    std::vector<float> got = trainer_rates(text, int(want.size()));
    for (size_t e = 0; e < want.size(); ++e)
      EXPECT_NEAR(got[e], want[e], 1e-6 * want[0]) << text << " epoch " << e;
  }
}

TEST(OptimSchedule, SchedulerOnAnOptimizerMatchesTheClosedForm) {
  Tensor p = zeros(Shape{1}).requires_grad_();
  optim::SGD opt({p}, {.lr = 0.5f});
  optim::LRScheduler s(opt, optim::parse_schedule("warmup:3,0.1+cosine:6,0.001"));
  const std::vector<double>& want = kPyTorch.at("warmup:3,0.1+cosine:6,0.001");
  for (size_t e = 0; e < want.size(); ++e, s.step()) EXPECT_NEAR(opt.lr(), want[e], 1e-7) << e;
}

TEST(OptimSchedule, SetLrRebasesARunningSchedule) {
  manual_seed(0);
  nn::TrainerOptions o;
  o.optimizer = {.name = "adam", .lr = 0.5f};
  o.schedule = optim::parse_schedule("step:1,0.5");
  o.batch_size = 8;
  nn::Trainer trainer(nn::make_mlp(2, {3}, 2), o);
  trainer.set_data(randn(Shape{8, 2}), tensor({0, 1, 0, 1, 1, 0, 1, 0}, Shape{8}));
  trainer.step(2);
  EXPECT_FLOAT_EQ(trainer.optimizer().lr(), 0.125f);
  trainer.set_lr(0.1f);  // the base: epoch 2 of the schedule gives 0.1 * 0.25
  EXPECT_FLOAT_EQ(trainer.optimizer().lr(), 0.025f);
  EXPECT_FLOAT_EQ(trainer.options().optimizer.lr, 0.025f);
  trainer.set_schedule({});  // constant again: the base rate
  EXPECT_FLOAT_EQ(trainer.optimizer().lr(), 0.1f);
  trainer.set_schedule(optim::parse_schedule("warmup:2,0.5"));  // starts at the current epoch
  EXPECT_FLOAT_EQ(trainer.optimizer().lr(), 0.05f);
  trainer.step(1);
  EXPECT_FLOAT_EQ(trainer.optimizer().lr(), 0.075f);
}

TEST(OptimSchedule, TextFormRoundTrips) {
  for (const char* text : {"step:3,0.5", "cosine:5,0.01", "warmup:4,0.1", "warmup:2,0.25+step:3,0.5",
                           "warmup:3,0.1+cosine:6,0.001"})
    EXPECT_EQ(optim::schedule_str(optim::parse_schedule(text)), text);
  EXPECT_EQ(optim::schedule_str(optim::parse_schedule("")), "constant");
  EXPECT_EQ(optim::schedule_str(optim::parse_schedule("step:2")), "step:2,0.1");
}

TEST(OptimSchedule, NonsenseParametersNameTheField) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"step:0,0.1", "step_size must be a positive integer, got '0'"},
      {"step:-2", "step_size must be a positive integer, got '-2'"},
      {"step:2.5", "step_size must be a positive integer, got '2.5'"},
      {"step:3,0", "gamma must be a number > 0, got '0'"},
      {"step:3,-1", "gamma must be a number > 0, got '-1'"},
      {"step:3,x", "gamma must be a number > 0, got 'x'"},
      {"cosine:0", "T_max must be a positive integer, got '0'"},
      {"cosine:10,-0.1", "eta_min must be a number >= 0, got '-0.1'"},
      {"cosine:10,nan", "eta_min must be a number >= 0, got 'nan'"},
      {"warmup:0", "warmup must be a positive integer, got '0'"},
      {"warmup:5,0", "start_factor must be a number in (0, 1], got '0'"},
      {"warmup:5,1.5", "start_factor must be a number in (0, 1], got '1.5'"},
      {"warmup:5,-0.2", "start_factor must be a number in (0, 1], got '-0.2'"},
      {"step", "step takes 1 or 2 numbers, got 0"},
      {"step:1,2,3", "step takes 1 or 2 numbers, got 3"},
      {"linear:3", "unknown schedule 'linear'"},
      {"cosine:5+warmup:2", "only a warmup may come before '+' (the warmup comes first"},
      {"step:2+cosine:4", "only a warmup may come before '+'"},
      {"warmup:1+step:2+cosine:3", "at most one '+'"},
  };
  for (const auto& [text, fragment] : bad)
    expect_error<ValueError>([&] { optim::parse_schedule(text); }, "schedule '" + text + "': " + fragment);
  const optim::Schedule negative_gamma{.kind = optim::Schedule::Kind::step, .step_size = 2, .gamma = -1};
  expect_error<ValueError>([&] { optim::check_schedule(negative_gamma); }, "gamma must be a number > 0, got '-1'");
  expect_error<ValueError>([] { optim::check_schedule({.warmup = 2, .warmup_start = 0}); },
                           "start_factor must be a number in (0, 1], got '0'");
}

TEST(OptimSchedule, CliTakesScheduleAndInitAndRejectsBadOnesWithExitCode2) {
  CliResult r = run("train --data moons --n 200 --epochs 3 --seed 1 --opt sgd --lr 0.4 --schedule step:1,0.5");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("schedule step:1,0.5"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("epoch 1/3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("lr 0.4\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("lr 0.2\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("lr 0.1\n"), std::string::npos) << r.out;
  r = run("train --data moons --epochs 1 --schedule step:0,0.1");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("--schedule: schedule 'step:0,0.1': step_size must be a positive integer"), std::string::npos)
      << r.out;
  r = run("train --data moons --epochs 1 --schedule warmup:3,2");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("start_factor must be a number in (0, 1]"), std::string::npos) << r.out;
  r = run("train --data moons --epochs 1 --schedule cosine");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("cosine takes 1 or 2 numbers"), std::string::npos) << r.out;
  r = run("train --help");
  EXPECT_NE(r.out.find("--schedule S"), std::string::npos);
  EXPECT_NE(r.out.find("--init NAME"), std::string::npos);

  // --init zeros: no gradient reaches the hidden weights, so the MLP learns nothing on moons (the test loss
  // stays ln 2 = 0.6931).
  r = run("train --data moons --n 200 --epochs 2 --seed 1 --init zeros");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("epoch 1/2  train loss 0.69"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("test loss 0.693"), r.out.rfind("test loss 0.693")) << r.out;  // both epochs
  r = run("train --data moons --n 200 --epochs 2 --seed 1 --init xavier_normal");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out.find("test loss 0.69"), std::string::npos) << r.out;  // it learns (0.34 after two epochs)
  r = run("train --data moons --epochs 1 --init glorot");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("--init: init: unknown initialiser 'glorot'"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace nabla
