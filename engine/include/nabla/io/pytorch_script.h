// The exit to PyTorch: one self-contained Python script that holds a whole nabla run (the model as
// torch.nn.Sequential, its initial weights, the data, nabla's batch order, the loss, optimizer and
// hyper-parameters) and trains it with PyTorch, printing the same epoch lines as `nabla train`.
// Used by `nabla train --export-pytorch FILE` and the playground's "Open in PyTorch".
#pragma once
#include <cstdint>
#include <string>

#include "nabla/nn/module.h"
#include "nabla/nn/trainer.h"
#include "nabla/tensor/tensor.h"

namespace nabla {

struct PytorchRun {
  /// A Sequential of Linear, ReLU, LeakyReLU, Tanh, Sigmoid, GELU and Dropout, at the weights to start from.
  const nn::Module* model = nullptr;
  /// Loss, optimizer and its hyper-parameters, l1/l2, batch size and the shuffling seed.
  nn::TrainerOptions options;
  /// Training rows x (N, F) and targets y (N) or (N, K); the test set likewise (it may be empty).
  Tensor train_x, train_y, test_x, test_y;
  int64_t epochs = 10;
  /// What made the run, for the script's opening comment ("nabla train --data moons ...").
  std::string origin;
};

/// The Python source. ValueError for a model the script cannot express (a module other than those above),
/// missing data or epochs < 1.
std::string pytorch_script(const PytorchRun& run);

}  // namespace nabla
