// Optimizers by name, for the Trainer, the CLI and the bindings, where the choice is a string from a menu.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "nabla/name_table.h"
#include "nabla/optim/optimizer.h"

namespace nabla::optim {

/// In the order of optimizer_names().
enum class OptimizerKind { sgd, rmsprop, adam, adamw };

/// The one name table of the optimizers (make_optimizer, the CLI's --opt, nb.optim and trainer.setOptimizer).
const NameTable<OptimizerKind>& optimizer_names();

/// Every hyperparameter any optimizer takes; each optimizer reads the ones it knows.
struct OptimizerConfig {
  std::string name = "sgd";  // a spelling of optimizer_names()
  float lr = 0.01f;
  float momentum = 0.0f;     // sgd, rmsprop
  bool nesterov = false;     // sgd
  float weight_decay = 0.0f; // all (decoupled for adamw)
  float beta1 = 0.9f;        // adam, adamw
  float beta2 = 0.999f;      // adam, adamw
  float eps = 1e-8f;         // rmsprop, adam, adamw
  float alpha = 0.99f;       // rmsprop
};

/// ValueError for an unknown name or a hyperparameter the optimizer rejects.
std::unique_ptr<Optimizer> make_optimizer(const OptimizerConfig& config, std::vector<Tensor> params);

/// True when a and b name the same optimizer with the same hyperparameters except perhaps the learning
/// rate: the one place that decides whether a change of settings may keep an optimizer's state.
bool differs_only_in_lr(const OptimizerConfig& a, const OptimizerConfig& b);

}  // namespace nabla::optim
