// Safetensors files written from PyTorch (tests/engine/reference/safetensors_torch.py, run with /usr/bin/python3
// at test time): a convnet's conv, BatchNorm (running statistics, num_batches_tracked) and linear tensors in
// F32, F16, BF16 and F64 load into the same model built from its spec, and its eval-mode outputs match
// PyTorch's for the weights as rounded to each dtype.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include <unistd.h>

#include "nabla/nabla.h"

namespace nabla {
namespace {

NamedTensors state_of(const nn::Module& m) {
  NamedTensors all = m.named_parameters();
  for (auto& b : m.named_buffers()) all.push_back(b);
  return all;
}

TEST(IoSafetensorsTorch, ConvBatchNormFilesInEveryFloatDtypeLoadAndMatchPyTorch) {
  // One directory per process: two test runs on one machine (two checkouts) must not share the files.
  const std::string dir = ::testing::TempDir() + "nabla_st_torch_" + std::to_string(getpid());
  const std::string script = std::string(NABLA_SOURCE_DIR) + "/tests/engine/reference/safetensors_torch.py";
  ASSERT_EQ(std::system(("mkdir -p " + dir + " && /usr/bin/python3 " + script + " " + dir).c_str()), 0)
      << "the PyTorch writer failed (needs /usr/bin/python3 with torch)";
  const NamedTensors io = load_safetensors_file(dir + "/io.safetensors").tensors;
  auto find = [&](const std::string& name) {
    for (const auto& [n, t] : io)
      if (n == name) return t;
    ADD_FAILURE() << "io.safetensors has no " << name;
    return Tensor();
  };
  for (const std::string dtype : {"F32", "F16", "BF16", "F64"}) {
    SCOPED_TRACE(dtype);
    auto model = nn::make_model("input(1,6,6)-conv(4,3)-bn-relu-flatten-linear(3)", 36, 3);
    SafetensorsFile f = load_safetensors_file(dir + "/model_" + dtype + ".safetensors");
    ASSERT_EQ(f.tensors.size(), 9u);  // conv w, b; bn w, b, running_mean, running_var, num_batches_tracked; linear w, b
    load_state_dict(state_of(*model), f.tensors);
    EXPECT_EQ(model->named_buffers()[2].first, "2.num_batches_tracked");
    EXPECT_EQ(model->named_buffers()[2].second.item(), 3.0f);  // three training steps in PyTorch
    EXPECT_NE(model->named_buffers()[0].second.data()[0], 0.0f);  // running_mean moved from its start
    model->eval();
    Tensor y = model->forward(find("x")), want = find("y_" + dtype);
    ASSERT_EQ(y.shape(), want.shape());
    for (int64_t i = 0; i < y.numel(); ++i) EXPECT_NEAR(y.data()[i], want.data()[i], 1e-5f) << i;
  }
  std::system(("rm -rf " + dir).c_str());
}

}  // namespace
}  // namespace nabla
