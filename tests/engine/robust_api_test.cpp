// Robustness of the C++ API against the inputs a curious user tries (one test per row of docs/robustness.md that
// other test files do not already cover): finite gradients at extreme logits, zero-sized batches, sizes too large
// to allocate, and bit-identical training from the same seed across two runs of the CLI.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

#include "nabla/nabla.h"

namespace nabla {
namespace {

bool all_finite(const Tensor& t) {
  for (float v : t.to_vector())
    if (!std::isfinite(v)) return false;
  return true;
}

TEST(RobustApi, GradientsStayFiniteAtPlusMinus1e4) {
  const std::vector<float> extreme = {1e4f, -1e4f, 0.0f, -1e4f, 1e4f, 1e4f};
  auto check = [&](const char* what, auto loss_of) {
    Tensor x = tensor(extreme, Shape{2, 3}).requires_grad_(true);
    Tensor loss = loss_of(x);
    EXPECT_TRUE(all_finite(loss)) << what << " value";
    loss.backward();
    EXPECT_TRUE(all_finite(x.grad())) << what << " gradient";
  };
  check("log_softmax", [](const Tensor& x) { return sum(log_softmax(x)); });
  check("softmax", [](const Tensor& x) { return sum(softmax(x) * x); });
  check("cross_entropy", [](const Tensor& x) { return cross_entropy(x, tensor({2.0f, 0.0f}, Shape{2})); });
  check("sigmoid", [](const Tensor& x) { return sum(sigmoid(x)); });
  check("softplus", [](const Tensor& x) { return sum(softplus(x)); });
  check("bce_with_logits", [](const Tensor& x) {
    return binary_cross_entropy_with_logits(x, tensor({0, 1, 1, 0, 0, 1}, Shape{2, 3}));
  });
  check("log", [](const Tensor& x) { return sum(log(abs(x) + 1.0f)); });
}

TEST(RobustApi, ZeroSizedBatchesFlowThroughLayersAndEmptyMeansAreNamed) {
  nn::Linear layer(4, 3);
  Tensor out = layer.forward(zeros(Shape{0, 4}));
  EXPECT_EQ(out.shape(), (Shape{0, 3}));
  EXPECT_EQ(sum(out).item(), 0.0f);
  EXPECT_THROW(cross_entropy(zeros(Shape{0, 3}), zeros(Shape{0})), ValueError);
  EXPECT_THROW(mean(zeros(Shape{0, 3})), ValueError);
}

TEST(RobustApi, SizesTooLargeToAllocateThrowInsteadOfAborting) {
  EXPECT_THROW(zeros(Shape{int64_t{1} << 40, int64_t{1} << 40}), Error);  // more elements than an int64 holds
  EXPECT_THROW(zeros(Shape{-1, 3}), ValueError);
  EXPECT_THROW(zeros(Shape{1, 1, 1, 1, 1, 1, 1}), ShapeError);
}

TEST(RobustApi, AZeroDimensionMakesAnEmptyTensorWhateverTheOtherSizes) {
  // Found by the safetensors fuzzer: the size limit was checked on a running product that the 0 came too late for.
  EXPECT_EQ(zeros(Shape{int64_t{1} << 40, 0, 777216}).numel(), 0);
  EXPECT_THROW(zeros(Shape{int64_t{1} << 31, int64_t{1} << 31, int64_t{1} << 31}), ValueError);
}

#ifdef NABLA_CLI_PATH
std::vector<uint8_t> train_once(const std::string& path) {
  std::string cmd = std::string(NABLA_CLI_PATH) + " train --data spiral --epochs 3 --seed 7 --save " + path +
                    " > /dev/null 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return read_file_bytes(path);
}

TEST(RobustApi, SameSeedGivesBitIdenticalSavedWeightsAcrossCliRuns) {
  std::string dir = std::filesystem::temp_directory_path() / ("nabla-determinism-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::vector<uint8_t> a = train_once(dir + "/a.safetensors");
  std::vector<uint8_t> b = train_once(dir + "/b.safetensors");
  std::filesystem::remove_all(dir);
  ASSERT_GT(a.size(), 100u);
  EXPECT_TRUE(a == b) << "two runs with --seed 7 saved different bytes";
}
#endif

}  // namespace
}  // namespace nabla
