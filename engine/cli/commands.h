// The CLI's commands; each parses its own flags (throwing UsageError) and returns the process exit code.
#pragma once

namespace nabla::cli {

/// nabla train: trains a model on a toy set or MNIST, prints per-epoch loss and accuracy, optionally saves.
int run_train(int argc, char** argv);
/// nabla graph: prints the DOT (or JSON) of the micrograd expression or of a model's forward pass.
int run_graph(int argc, char** argv);
/// nabla data: prints a toy set (the points nb.data draws for the same seed) as CSV.
int run_data(int argc, char** argv);

/// The usage text printed on --help and on bad flags.
const char* usage();

}  // namespace nabla::cli
