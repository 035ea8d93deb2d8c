// Optimizer: the parameters to update and the learning rate, which schedules change between steps.
// Each optimizer (one per file) keeps its own per-parameter state and updates parameter data in place,
// outside the graph, from p.grad(); a parameter without a gradient is skipped, as in PyTorch.
#pragma once
#include <vector>

#include "nabla/tensor/tensor.h"

namespace nabla::optim {

class Optimizer {
 public:
  Optimizer(std::vector<Tensor> params, float lr);
  virtual ~Optimizer() = default;
  Optimizer(const Optimizer&) = delete;
  Optimizer& operator=(const Optimizer&) = delete;

  /// One update of every parameter from its current gradient.
  virtual void step() = 0;
  /// Forgets every parameter's gradient.
  void zero_grad();

  /// The learning rate: its one owner (an options struct's lr only seeds it; schedules and the Trainer
  /// change it here).
  float lr() const { return lr_; }
  /// ValueError unless lr >= 0 and finite.
  void set_lr(float lr);
  const std::vector<Tensor>& params() const { return params_; }

 protected:
  /// Calls update(k, p, g, n) for every parameter k that has a gradient: its data p, its gradient's data g
  /// and its size n (each optimizer's step is this loop with its own update).
  template <typename Update>
  void for_each_gradient(Update&& update) {
    for (size_t k = 0; k < params_.size(); ++k) {
      // Read in place: a Tensor copy of the gradient is an atomic refcount update in a threaded process.
      const std::shared_ptr<TensorImpl>& g = params_[k].impl().grad;
      if (!g) continue;
      update(k, params_[k].data(), static_cast<const float*>(g->data), params_[k].numel());
    }
  }

  std::vector<Tensor> params_;
  float lr_;
};

/// An optimizer with its options struct (SGDOptions, AdamOptions, ...): the options are fixed at
/// construction except lr, which only seeds the optimizer's own learning rate.
template <typename Options>
class OptimizerWith : public Optimizer {
 public:
  OptimizerWith(std::vector<Tensor> params, const Options& options)
      : Optimizer(std::move(params), options.lr), options_(options) {}
  /// The hyperparameters, read-only, with the current learning rate: lr() owns it.
  Options options() const {
    Options o = options_;
    o.lr = lr_;
    return o;
  }

 protected:
  Options options_;
};

}  // namespace nabla::optim
