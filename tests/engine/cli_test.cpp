// Smoke tests of the built `nabla` CLI: it trains, saves a readable file, prints graphs, and rejects bad flags
// with exit code 2.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <memory>
#include <string>

#include "nabla/io/safetensors.h"

namespace nabla {
namespace {

struct CliResult {
  int code;
  std::string out;  // stdout and stderr
};

CliResult run(const std::string& args) {
  std::string cmd = std::string(NABLA_CLI_PATH) + " " + args + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return {-1, "popen failed"};
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

TEST(Cli, TrainOnMoonsPrintsAccuracyPerEpochAndSaves) {
  std::string path = ::testing::TempDir() + "nabla_cli_test.safetensors";
  CliResult r = run("train --data moons --epochs 3 --seed 1 --save " + path);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("epoch 1/3  train loss"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("epoch 3/3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("test loss"), std::string::npos);
  EXPECT_NE(r.out.find("accuracy"), std::string::npos);
  EXPECT_EQ(r.out.find('\r'), std::string::npos);  // no progress bar when stdout is not a terminal
  SafetensorsFile f = load_safetensors_file(path);
  ASSERT_EQ(f.tensors.size(), 6u);  // mlp:16,16 = three Linear layers
  EXPECT_EQ(f.tensors[0].first, "0.weight");
  EXPECT_EQ(f.tensors[0].second.shape(), (Shape{16, 2}));
  std::remove(path.c_str());
}

TEST(Cli, BadFlagsExitWithCodeTwoAndUsage) {
  for (const char* args : {"train --bogus", "train --epochs", "train --epochs abc", "train --epochs 0",
                           "train --data nope", "train --model mlp:x", "train --opt nope", "frobnicate", ""}) {
    CliResult r = run(args);
    EXPECT_EQ(r.code, 2) << args << "\n" << r.out;
    EXPECT_NE(r.out.find("usage:"), std::string::npos) << args;
  }
  CliResult r = run("train --bogus");
  EXPECT_NE(r.out.find("nabla: unknown flag '--bogus'"), std::string::npos) << r.out;
}

TEST(Cli, MissingMnistFilesAreARuntimeErrorNamingThePath) {
  CliResult r = run("train --data mnist --mnist-dir /nonexistent --epochs 1");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("/nonexistent/train-images-idx3-ubyte"), std::string::npos) << r.out;
}

TEST(Cli, GraphPrintsTheMicrogradExpressionAndModelGraphs) {
  CliResult r = run("graph");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out.rfind("digraph nabla {", 0), 0u);
  EXPECT_NE(r.out.find("label=\"a\\n[]\\nvalue -4\\ngrad 138.8\""), std::string::npos) << r.out;
  r = run("graph --model mlp:4 --json");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("\"name\":\"0.weight\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"backwardOrder\":["), std::string::npos);
}

}  // namespace
}  // namespace nabla
