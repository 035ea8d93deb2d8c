// `nabla train --export-pytorch FILE` against PyTorch: the exported script, run with Debian's python3-torch
// (/usr/bin/python3, or NABLA_TORCH_PYTHON), prints the same epoch lines as the CLI, and its losses and final
// weights agree with nabla's, for SGD with momentum, Adam (with L2 and weight decay) and RMSprop with MSE.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <string>
#include <vector>

#include "cli_run.h"
#include "nabla/error.h"
#include "nabla/io/pytorch_script.h"
#include "nabla/io/safetensors.h"
#include "nabla/nn/presets.h"
#include "nabla/tensor/factory.h"

namespace nabla {
namespace {

std::string python() {
  const char* p = std::getenv("NABLA_TORCH_PYTHON");
  return p ? p : "/usr/bin/python3";
}

struct EpochLosses {
  std::vector<double> train, test;
};

// "epoch k/n  train loss X accuracy A%  test loss Y accuracy B%": the lines both print
EpochLosses epoch_losses(const std::string& out) {
  static const std::regex line(R"(epoch (\d+)/\d+  train loss (\S+) accuracy \S+  test loss (\S+) accuracy)");
  EpochLosses l;
  for (auto it = std::sregex_iterator(out.begin(), out.end(), line); it != std::sregex_iterator(); ++it) {
    l.train.push_back(std::stod((*it)[2]));
    l.test.push_back(std::stod((*it)[3]));
  }
  return l;
}

// Losses are printed with 4 decimals, so two equal losses may print 1e-4 apart: 1e-3 relative, or the
// printing's resolution when that is coarser.
void expect_close(double nabla, double torch, const std::string& what) {
  EXPECT_LE(std::abs(nabla - torch), std::max(1e-3 * std::abs(nabla), 1e-4)) << what << ": nabla " << nabla
                                                                              << ", PyTorch " << torch;
}

void expect_same_run(const std::string& flags, int epochs) {
  // ctest runs these tests in parallel processes: each test's files carry its name.
  const std::string dir = ::testing::TempDir() + "nabla_export_" +
                          ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_";
  const std::string script = dir + "run.py", ours = dir + "nabla.safetensors", theirs = dir + "torch.safetensors";
  CliResult n = run("train " + flags + " --epochs " + std::to_string(epochs) + " --export-pytorch " + script +
                    " --save " + ours);
  ASSERT_EQ(n.code, 0) << n.out;
  CliResult p = run_command(python() + " " + script + " --save " + theirs);
  ASSERT_EQ(p.code, 0) << p.out;
  EpochLosses a = epoch_losses(n.out), b = epoch_losses(p.out);
  ASSERT_EQ(a.train.size(), size_t(epochs)) << n.out;
  ASSERT_EQ(b.train.size(), size_t(epochs)) << p.out;
  for (int e = 0; e < epochs; ++e) {
    expect_close(a.train[e], b.train[e], flags + ": train loss, epoch " + std::to_string(e + 1));
    expect_close(a.test[e], b.test[e], flags + ": test loss, epoch " + std::to_string(e + 1));
  }
  EXPECT_LT(a.train.back(), 0.8 * a.train.front()) << "the run did not learn, so agreeing proves little\n" << n.out;

  SafetensorsFile x = load_safetensors_file(ours), y = load_safetensors_file(theirs);
  ASSERT_EQ(x.tensors.size(), y.tensors.size());
  for (size_t t = 0; t < x.tensors.size(); ++t) {
    const auto& [name, w] = x.tensors[t];
    ASSERT_EQ(name, y.tensors[t].first);
    ASSERT_EQ(w.shape(), y.tensors[t].second.shape()) << name;
    float scale = 0, worst = 0;
    for (int64_t i = 0; i < w.numel(); ++i) {
      scale = std::max(scale, std::abs(w.data()[i]));
      worst = std::max(worst, std::abs(w.data()[i] - y.tensors[t].second.data()[i]));
    }
    EXPECT_LE(worst, 1e-3f * scale) << flags << ": trained " << name << " differs by " << worst;
  }
  std::remove(script.c_str());
  std::remove(ours.c_str());
  std::remove(theirs.c_str());
}

TEST(CliPytorchExport, SgdWithMomentumTrainsTheSameInPytorch) {
  expect_same_run("--data spiral --classes 3 --model mlp:16,16:tanh --opt sgd --momentum 0.9 --lr 0.05 --batch 16 "
                  "--seed 3", 15);
}

TEST(CliPytorchExport, AdamWithL2AndWeightDecayTrainsTheSameInPytorch) {
  expect_same_run("--data moons --model mlp:32,16:relu --opt adam --lr 0.01 --l2 0.001 --weight-decay 0.0005 "
                  "--batch 32 --seed 1", 15);
}

TEST(CliPytorchExport, RmspropWithMseAndHingeWithAdamwTrainTheSameInPytorch) {
  expect_same_run("--data circles --model mlp:8:gelu --loss mse --opt rmsprop --lr 0.003 --momentum 0.5 --batch 20 "
                  "--seed 2", 8);
  expect_same_run("--data blobs --classes 4 --model mlp:8,8:leaky_relu,sigmoid --loss hinge --opt adamw "
                  "--weight-decay 0.01 --seed 5", 6);
}

TEST(CliPytorchExport, WhatTheScriptCannotHoldIsAnErrorNamingIt) {
  auto convnet = nn::make_mnist_convnet();
  PytorchRun convnet_run{convnet.get(), {}, zeros({4, 784}), zeros({4}), {}, {}, 1, "test"};
  try {
    pytorch_script(convnet_run);
    ADD_FAILURE() << "a convnet was exported";
  } catch (const ValueError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot write Conv2d"), std::string::npos) << e.what();
  }
  auto mlp = nn::make_mlp(2, {4}, 2, "tanh");
  PytorchRun no_epochs{mlp.get(), {}, zeros({4, 2}), zeros({4}), {}, {}, 0, "test"};
  EXPECT_THROW(pytorch_script(no_epochs), ValueError);
  CliResult r = run("train --data mnist --limit 10 --epochs 1 --export-pytorch /dev/null");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("--export-pytorch takes the toy datasets"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace nabla
