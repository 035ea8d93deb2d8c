// Smoke tests of the built `nabla` CLI: it trains, saves a readable file, prints graphs, rejects bad flags
// with exit code 2 (and a hint for a near miss), and follows the usual conventions: --help, --version, a
// progress line only on a terminal.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <thread>

#include "cli_run.h"
#include "nabla/io/safetensors.h"

namespace nabla {
namespace {

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

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(Cli, TrainRunsOnTheThreadsAskedForAndTheWeightsDoNotDependOnThem) {
  CliResult d = run("train --data moons --epochs 1");
  ASSERT_EQ(d.code, 0) << d.out;
  EXPECT_NE(d.out.find(", " + std::to_string(std::max(1u, std::thread::hardware_concurrency())) + " threads\n"),
            std::string::npos) << d.out;
  // Products of 256 x 256 x 256 are split among the threads: the saved weights must still match bit for bit.
  std::string saved[2];
  for (int i : {0, 1}) {
    saved[i] = ::testing::TempDir() + "nabla_cli_threads_" + std::to_string(i) + ".safetensors";
    CliResult r = run("train --data moons --model mlp:256,256 --batch 256 --epochs 2 --threads " +
                      std::string(i ? "3" : "1") + " --save " + saved[i]);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find(i ? ", 3 threads" : ", 1 threads"), std::string::npos) << r.out;
  }
  EXPECT_EQ(read_bytes(saved[0]), read_bytes(saved[1]));
  for (const std::string& p : saved) std::remove(p.c_str());
  CliResult bad = run("train --threads 0");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.out.find("--threads"), std::string::npos) << bad.out;
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

TEST(Cli, GraphOutputIsValidGraphvizForDot) {
  // The README's `nabla graph | dot -Tsvg`: bootstrap installs graphviz, so dot is there in CI.
  if (std::system("command -v dot >/dev/null 2>&1") != 0) GTEST_SKIP() << "dot (graphviz) missing";
  for (const char* args : {"graph", "graph --model mlp:4,4 --data spiral"}) {
    std::string cmd = std::string(NABLA_CLI_PATH) + " " + args + " | dot -Tsvg 2>&1";
    FILE* pipe = popen(cmd.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string svg;
    std::array<char, 4096> buf;
    for (size_t n; (n = fread(buf.data(), 1, buf.size(), pipe)) > 0;) svg.append(buf.data(), n);
    ASSERT_EQ(pclose(pipe), 0) << args << "\n" << svg;
    EXPECT_NE(svg.find("<svg"), std::string::npos) << svg;
    EXPECT_EQ(svg.find("Warning"), std::string::npos) << svg;
  }
}

TEST(Cli, VersionPrintsPackageJsonsVersionAndExitsZero) {
  std::ifstream file(std::string(NABLA_SOURCE_DIR) + "/package.json");
  std::stringstream json;
  json << file.rdbuf();
  std::smatch m;
  std::string text = json.str();
  ASSERT_TRUE(std::regex_search(text, m, std::regex("\"version\":\\s*\"([^\"]+)\""))) << text;
  for (const char* flag : {"--version", "-V"}) {
    CliResult r = run(flag);
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(r.out, "nabla " + m[1].str() + "\n");
  }
}

TEST(Cli, HelpOfACommandListsItsFlagsAndExitCodesAndExitsZero) {
  for (const char* args : {"train --help", "train -h", "train --epochs 3 --help", "help train", "--help train"}) {
    CliResult r = run(args);
    EXPECT_EQ(r.code, 0) << args << "\n" << r.out;
    EXPECT_NE(r.out.find("--epochs N"), std::string::npos) << args << "\n" << r.out;
    EXPECT_NE(r.out.find("exit codes:\n  0  success"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("  2  a bad command line"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("nabla graph"), std::string::npos) << "only train's section:\n" << r.out;
  }
  CliResult r = run("graph --help");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("--json"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("--epochs"), std::string::npos) << r.out;
  r = run_bench("--help");  // the benchmarks are their own executable, with the same conventions
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("--smoke"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("exit codes:"), std::string::npos) << r.out;
  r = run("help");
  EXPECT_EQ(r.code, 0) << r.out;
  for (const char* part : {"nabla train", "nabla graph", "nabla --version", "exit codes:"})
    EXPECT_NE(r.out.find(part), std::string::npos) << part << "\n" << r.out;
}

// A usage error: exit code 2 and `part` in what the CLI printed.
void expect_usage_error(const CliResult& r, const std::string& part) {
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find(part), std::string::npos) << "expected '" << part << "' in:\n" << r.out;
}

TEST(Cli, UnknownFlagsAndCommandsNameThemAndHintAtACloseName) {
  CliResult r = run("train --epoch 3");
  expect_usage_error(r, "nabla: unknown flag '--epoch'; did you mean '--epochs'?");
  EXPECT_NE(r.out.find("--epochs N"), std::string::npos) << "the command's usage follows:\n" << r.out;
  expect_usage_error(run("train --lreaning-rate 0.1"), "unknown flag '--lreaning-rate'\n");  // no hint this far off
  expect_usage_error(run("graph --jsno"), "did you mean '--json'?");
  expect_usage_error(run_bench("--smok"), "'--smok'");
  expect_usage_error(run("trian --epochs 1"), "unknown command 'trian'; did you mean 'train'?");
  expect_usage_error(run("help nope"), "unknown command 'nope'");
}

TEST(Cli, TrainDrawsAProgressLineOnATerminalOnly) {
  // script(1) gives the CLI a pseudo-terminal; the piped run of TrainOnMoons... checks the plain side.
  if (std::system("command -v script >/dev/null 2>&1") != 0) GTEST_SKIP() << "script(1) (util-linux) missing";
  std::string cmd = "script -qec '" + std::string(NABLA_CLI_PATH) + " train --epochs 2 --n 200' /dev/null 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  std::array<char, 4096> buf;
  for (size_t n; (n = fread(buf.data(), 1, buf.size(), pipe)) > 0;) out.append(buf.data(), n);
  ASSERT_EQ(pclose(pipe), 0) << out;
  EXPECT_NE(out.find("\r  epoch 1/2 ["), std::string::npos) << out;
  EXPECT_NE(out.find("100%  loss"), std::string::npos) << out;
  EXPECT_NE(out.find("epoch 2/2  train loss"), std::string::npos) << out;
}

}  // namespace
}  // namespace nabla
