// Trainer: a model, a loss, an optimizer and a dataset, with the whole training loop in C++, so that one
// call from JS (or the CLI) runs many minibatch steps without crossing the boundary per step.
//   N = samples, B = batch size, F = features per sample (any trailing shape), K = model outputs.
// Targets y: class labels (N) stored as floats for cross_entropy and hinge; for mse either targets of the
// output's shape (regression) or labels (N), one-hot encoded; for bce either targets in [0, 1] of the
// output's shape (or (N) for a (N, 1) output), or labels (N), one-hot encoded, for K > 1 outputs.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nabla/data/dataloader.h"
#include "nabla/name_table.h"
#include "nabla/nn/module.h"
#include "nabla/optim/factory.h"
#include "nabla/optim/lr_scheduler.h"

namespace nabla::nn {

/// In the order of loss_names().
enum class LossKind { cross_entropy, mse, hinge, bce };

/// The one name table of the losses: cross_entropy (JS crossEntropy, also xent), mse, hinge (JS multiMargin,
/// also multi_margin), bce (JS binaryCrossEntropy); the CLI, the bindings and the pages (nb.trainerLosses)
/// read it.
const NameTable<LossKind>& loss_names();

/// A spelling of loss_names(); ValueError naming the choices otherwise.
LossKind parse_loss_kind(const std::string& name);
const char* loss_kind_name(LossKind kind);

struct TrainerOptions {
  LossKind loss = LossKind::cross_entropy;
  /// The optimizer to build; its lr seeds the optimizer, which alone owns the rate from then on.
  optim::OptimizerConfig optimizer;
  /// A learning-rate schedule over epochs (optim/lr_scheduler.h), applied at the end of each full pass over
  /// the data; optimizer.lr is its base rate. Constant by default.
  optim::Schedule schedule;
  /// Regularisation on weights (parameters of rank >= 2; biases and norms are exempt):
  /// total loss = data loss + l1 sum|w| + l2 sum w^2.
  float l1 = 0.0f;
  float l2 = 0.0f;
  int64_t batch_size = 32;
  /// Seeds the shuffling of the dataset (its DataLoader's generator; dropout draws from the global one).
  uint64_t seed = 0;
};

struct Metrics {
  /// Mean data loss (without the regularisation terms).
  float loss = 0.0f;
  /// Fraction of correct predictions: argmax for labels and one-hot targets, sign for bce;
  /// NaN for mse regression on a single output, where accuracy has no meaning.
  float accuracy = 0.0f;
  /// step() only: each parameter's gradient L2 norm sqrt(sum g^2) in the last step of the call, in
  /// named_parameters() order (0 for a parameter the loss does not reach); what a gradient-norm chart plots
  /// to see gradients vanish or explode. Empty from evaluate().
  std::vector<float> grad_norms;
};

class Trainer {
 public:
  /// ValueError for a null model, an unknown loss or optimizer name, bad hyperparameters.
  explicit Trainer(std::shared_ptr<Module> model, TrainerOptions options = {});

  /// Holds (x, y) for training: x (N, F...), y (N) or (N, K). Copies them (the caller may reuse its buffers)
  /// and restarts the epoch with a fresh shuffle. ShapeError when the row counts differ or N = 0;
  /// ValueError for labels that are not non-negative integers when the loss needs labels.
  void set_data(const Tensor& x, const Tensor& y);
  /// Runs n minibatch steps (forward, loss, backward, regularisation, optimizer update) in training mode,
  /// reshuffling at each epoch end; returns the mean loss and the accuracy over those steps' samples, and
  /// the last step's gradient norms.
  /// ValueError without data or for n < 1.
  Metrics step(int64_t n = 1);
  /// Loss and accuracy on (x, y) in evaluation mode without recording a graph (in chunks of 1024 rows).
  Metrics evaluate(const Tensor& x, const Tensor& y);
  /// Outputs for x in evaluation mode without a graph: softmax probabilities for cross_entropy and hinge,
  /// sigmoid probabilities for bce, raw outputs for mse.
  Tensor predict(const Tensor& x);
  /// Every layer's output for x (each child of the model in turn; the model itself when it has none), in
  /// evaluation mode without a graph: what the playground draws as one heatmap per neuron.
  NamedTensors activations(const Tensor& x);

  /// Changes the optimizer. Only the learning rate differing (optim::differs_only_in_lr): the optimizer
  /// and its state are kept and only its rate changes; anything else: a new optimizer with fresh state.
  void set_optimizer(const optim::OptimizerConfig& config);
  /// Sets the base rate: without a schedule the optimizer's rate; with one, the rate the schedule scales
  /// (the optimizer's rate becomes the schedule's value for it at the current epoch).
  void set_lr(float lr);
  /// Starts a schedule (checked: ValueError naming the field) at the current epoch, from the base rate.
  void set_schedule(const optim::Schedule& schedule);
  /// ShapeError/ValueError (and the old loss kept) when the held targets do not suit the new loss.
  void set_loss(LossKind loss);
  /// ValueError for negative strengths.
  void set_regularization(float l1, float l2);
  /// ValueError for batch_size < 1; the current epoch continues with the new size.
  void set_batch_size(int64_t batch_size);

  Module& model() const { return *model_; }
  std::shared_ptr<Module> model_ptr() const { return model_; }
  /// The current settings; optimizer.lr is the current rate, read from the optimizer, the rate's one owner.
  TrainerOptions options() const;
  optim::Optimizer& optimizer() const { return *optimizer_; }
  /// The model's parameters, cached in registration order with dotted names.
  const NamedTensors& named_parameters() const { return params_; }
  /// Each parameter's gradient from the last step (undefined before the first step).
  std::vector<Tensor> gradients() const;
  /// Each parameter's gradient by name, zeros of the parameter's shape before the first step.
  NamedTensors named_gradients() const;
  /// Sets element `index` (flat, row-major) of parameter `name`: IndexError outside it, ValueError for an
  /// unknown name.
  void set_weight(const std::string& name, int64_t index, float value);
  /// Steps and full passes over the data taken so far.
  int64_t steps_done() const { return steps_; }
  int64_t epochs_done() const { return epochs_; }

 private:
  // Loss of one batch and the number of correct predictions in it (accuracy numerator / denominator).
  struct BatchResult {
    Tensor loss;
    double correct = 0;
    double counted = 0;
  };
  BatchResult batch_loss(const Tensor& out, const Tensor& y);
  void check_targets(const Tensor& y) const;
  Tensor penalty() const;

  std::shared_ptr<Module> model_;
  TrainerOptions options_;  // everything but the learning rate, which optimizer_ holds
  std::unique_ptr<optim::Optimizer> optimizer_;
  NamedTensors params_;
  std::vector<bool> regularized_;  // per parameter: rank >= 2

  Tensor x_, y_;
  std::unique_ptr<DataLoader> loader_;  // over (x_, y_); made by the first set_data
  int64_t cursor_ = 0;                  // next example of the loader's current epoch
  Tensor xb_, yb_;  // reused minibatch buffers (the graph that captures them is freed by each backward)
  Tensor target_;   // reused one-hot target buffer
  int64_t steps_ = 0, epochs_ = 0;
  // The rate options_.schedule scales (PyTorch's initial_lr) and the epoch it started at.
  float base_lr_ = 0.0f;
  int64_t schedule_start_ = 0;
  void apply_schedule();
};

}  // namespace nabla::nn
