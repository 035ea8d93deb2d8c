// The training loop behind Trainer::step: the DataLoader gathers a shuffled minibatch into reused buffers;
// forward, fused loss plus the penalty ops' regularisation terms, backward, optimizer update.
#include "nabla/nn/trainer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "nabla/autograd/grad_mode.h"
#include "nabla/error.h"
#include "nabla/ops/arith.h"
#include "nabla/ops/layout.h"
#include "nabla/ops/loss.h"
#include "nabla/ops/softmax.h"
#include "nabla/ops/unary.h"
#include "nabla/tensor/factory.h"

namespace nabla::nn {

const NameTable<LossKind>& loss_names() {
  static const NameTable<LossKind> table("Trainer: loss",
                                         "cross_entropy:crossEntropy:xent mse hinge:multiMargin:multi_margin "
                                         "bce:binaryCrossEntropy");
  return table;
}

LossKind parse_loss_kind(const std::string& name) { return loss_names().parse(name); }

const char* loss_kind_name(LossKind kind) { return loss_names().name(kind); }

namespace {
constexpr int64_t kEvalChunk = 1024;

int64_t argmax_row(const float* row, int64_t k) {
  return std::max_element(row, row + k) - row;
}

bool needs_labels(LossKind kind) { return kind == LossKind::cross_entropy || kind == LossKind::hinge; }

// Evaluation mode without a graph for one scope; the model's own mode comes back on every way out.
class EvalScope {
 public:
  explicit EvalScope(Module& m) : model_(m), was_training_(m.is_training()) { model_.eval(); }
  ~EvalScope() { model_.train(was_training_); }
  EvalScope(const EvalScope&) = delete;
  EvalScope& operator=(const EvalScope&) = delete;

 private:
  Module& model_;
  bool was_training_;
  NoGradGuard no_grad_;
};

// Rows [start, start + count) of t, as a new tensor.
Tensor rows(const Tensor& t, int64_t start, int64_t count) {
  Shape s = t.shape();
  s[0] = count;
  int64_t row = t.numel() / t.shape()[0];
  return Tensor::from_data(t.data() + start * row, s);
}
}  // namespace

Trainer::Trainer(std::shared_ptr<Module> model, TrainerOptions options)
    : model_(std::move(model)), options_(options) {
  if (!model_) throw ValueError("Trainer: model must not be null");
  set_regularization(options.l1, options.l2);
  set_batch_size(options.batch_size);
  params_ = model_->named_parameters();
  for (const auto& [name, p] : params_) regularized_.push_back(p.rank() >= 2);
  std::vector<Tensor> ps;
  for (const auto& [name, p] : params_) ps.push_back(p);
  optimizer_ = optim::make_optimizer(options.optimizer, ps);
  base_lr_ = options.optimizer.lr;
  set_schedule(options.schedule);
}

void Trainer::apply_schedule() {
  optimizer_->set_lr(optim::scheduled_lr(options_.schedule, base_lr_, epochs_ - schedule_start_));
}

void Trainer::set_schedule(const optim::Schedule& schedule) {
  optim::check_schedule(schedule);
  options_.schedule = schedule;
  schedule_start_ = epochs_;
  apply_schedule();
}

void Trainer::check_targets(const Tensor& y) const {
  if (!needs_labels(options_.loss)) return;
  if (y.rank() != 1)
    throw ShapeError(std::string("Trainer: loss ") + loss_kind_name(options_.loss) + " needs class labels of shape (N), got " +
                     y.shape().str());
  const float* v = y.data();
  for (int64_t i = 0; i < y.numel(); ++i)
    if (!(v[i] >= 0) || v[i] != std::floor(v[i]))
      throw ValueError("Trainer: label " + std::to_string(v[i]) + " at row " + std::to_string(i) +
                       " is not a non-negative integer");
}

void Trainer::set_data(const Tensor& x, const Tensor& y) {
  if (x.rank() < 1 || y.rank() < 1 || x.shape()[0] != y.shape()[0] || x.shape()[0] == 0)
    throw ShapeError("Trainer.set_data: x " + x.shape().str() + " and y " + y.shape().str() +
                     " must have the same, non-zero number of rows");
  check_targets(y);
  x_ = x.detach().clone();
  y_ = y.detach().clone();
  // One loader for the trainer's life: new data continues its generator, so a seed fixes every batch.
  if (loader_)
    loader_->reset(x_, y_);
  else
    loader_ = std::make_unique<DataLoader>(
        x_, y_, DataLoaderOptions{.batch_size = options_.batch_size, .shuffle = true, .seed = options_.seed});
  cursor_ = 0;
  xb_ = Tensor();
  yb_ = Tensor();
}

Trainer::BatchResult Trainer::batch_loss(const Tensor& out, const Tensor& y) {
  BatchResult r;
  const int64_t n = out.shape()[0];
  if (needs_labels(options_.loss)) {
    if (out.rank() != 2)
      throw ShapeError(std::string("Trainer: loss ") + loss_kind_name(options_.loss) + " needs outputs (N, K), got " +
                       out.shape().str());
    r.loss = options_.loss == LossKind::cross_entropy ? cross_entropy(out, y) : multi_margin_loss(out, y);
    const int64_t k = out.shape()[1];
    for (int64_t i = 0; i < n; ++i) r.correct += argmax_row(out.data() + i * k, k) == int64_t(y.data()[i]);
    r.counted = double(n);
    return r;
  }
  // mse and bce: targets of the output's shape, (N) for an (N, 1) output, or labels to one-hot encode.
  Tensor target;
  bool labels = false;
  const int64_t k = out.rank() == 2 ? out.shape()[1] : 1;
  if (y.shape() == out.shape()) {
    target = y;
  } else if (y.rank() == 1 && out.rank() == 2 && k == 1) {
    target = reshape(y, {n, 1});
  } else if (y.rank() == 1 && out.rank() == 2 && k > 1) {
    labels = true;
    if (!target_.defined() || target_.shape() != out.shape()) target_ = Tensor::empty(out.shape());
    std::fill(target_.data(), target_.data() + target_.numel(), 0.0f);
    for (int64_t i = 0; i < n; ++i) {
      float v = y.data()[i];
      if (!(v >= 0) || v >= float(k) || v != std::floor(v))
        throw ValueError("Trainer: label " + std::to_string(v) + " is not a class index below " + std::to_string(k));
      target_.data()[i * k + int64_t(v)] = 1.0f;
    }
    target = target_;
  } else {
    throw ShapeError(std::string("Trainer: loss ") + loss_kind_name(options_.loss) + " cannot match targets " +
                     y.shape().str() + " to outputs " + out.shape().str());
  }
  r.loss = options_.loss == LossKind::mse ? mse_loss(out, target) : binary_cross_entropy_with_logits(out, target);
  if (labels) {
    for (int64_t i = 0; i < n; ++i) r.correct += argmax_row(out.data() + i * k, k) == int64_t(y.data()[i]);
    r.counted = double(n);
  } else if (options_.loss == LossKind::bce) {
    for (int64_t i = 0; i < out.numel(); ++i) r.correct += (out.data()[i] > 0) == (target.data()[i] > 0.5f);
    r.counted = double(out.numel());
  } else if (out.rank() == 2 && k > 1) {
    for (int64_t i = 0; i < n; ++i)
      r.correct += argmax_row(out.data() + i * k, k) == argmax_row(target.data() + i * k, k);
    r.counted = double(n);
  }
  return r;
}

// l1 sum|w| + l2 sum w^2 over the regularised weights, from the penalty ops (undefined when both are 0).
Tensor Trainer::penalty() const {
  Tensor total;
  for (size_t k = 0; k < params_.size(); ++k) {
    if (!regularized_[k]) continue;
    const Tensor& w = params_[k].second;
    Tensor term;
    if (options_.l1 != 0) term = options_.l1 * l1_penalty(w);
    if (options_.l2 != 0) term = term.defined() ? term + options_.l2 * l2_penalty(w) : options_.l2 * l2_penalty(w);
    if (term.defined()) total = total.defined() ? total + term : term;
  }
  return total;
}

Metrics Trainer::step(int64_t n) {
  if (!x_.defined()) throw ValueError("Trainer.step: no training data (call set_data first)");
  if (n < 1) throw ValueError("Trainer.step: number of steps must be >= 1, got " + std::to_string(n));
  model_->train(true);
  const int64_t total = x_.shape()[0];
  double loss_sum = 0, correct = 0, counted = 0;
  for (int64_t s = 0; s < n; ++s) {
    // A batch never spans two epochs; the batch size may change between calls.
    const int64_t b = std::min(options_.batch_size, total - cursor_);
    loader_->gather(cursor_, b, xb_, yb_);
    for (auto& [name, p] : params_) p.zero_grad();
    Tensor out = model_->forward(xb_);
    BatchResult r = batch_loss(out, yb_);
    Tensor reg = penalty();
    if (reg.defined())
      (r.loss + reg).backward();
    else
      r.loss.backward();
    optimizer_->step();
    loss_sum += r.loss.item();
    correct += r.correct;
    counted += r.counted;
    ++steps_;
    cursor_ += b;
    if (cursor_ >= total) {
      ++epochs_;
      loader_->new_epoch();
      cursor_ = 0;
      apply_schedule();
    }
  }
  Metrics m{float(loss_sum / double(n)),
            counted > 0 ? float(correct / counted) : std::numeric_limits<float>::quiet_NaN(), {}};
  // The gradients still hold the last step's values (each step zeroes them before its backward).
  m.grad_norms.reserve(params_.size());
  for (const auto& [name, p] : params_) {
    Tensor g = p.grad();
    double s = 0;
    if (g.defined())
      for (const float* v = g.data(); v != g.data() + g.numel(); ++v) s += double(*v) * double(*v);
    m.grad_norms.push_back(float(std::sqrt(s)));
  }
  return m;
}

Metrics Trainer::evaluate(const Tensor& x, const Tensor& y) {
  if (x.rank() < 1 || y.rank() < 1 || x.shape()[0] != y.shape()[0] || x.shape()[0] == 0)
    throw ShapeError("Trainer.evaluate: x " + x.shape().str() + " and y " + y.shape().str() +
                     " must have the same, non-zero number of rows");
  check_targets(y);
  EvalScope eval(*model_);
  double loss_sum = 0, correct = 0, counted = 0;
  const int64_t total = x.shape()[0];
  for (int64_t start = 0; start < total; start += kEvalChunk) {
    const int64_t b = std::min(kEvalChunk, total - start);
    BatchResult r = batch_loss(model_->forward(rows(x, start, b)), rows(y, start, b));
    loss_sum += double(r.loss.item()) * double(b);
    correct += r.correct;
    counted += r.counted;
  }
  return {float(loss_sum / double(total)),
          counted > 0 ? float(correct / counted) : std::numeric_limits<float>::quiet_NaN()};
}

Tensor Trainer::predict(const Tensor& x) {
  if (x.rank() < 1 || x.shape()[0] == 0)
    throw ShapeError("Trainer.predict: x must have at least one row, got " + x.shape().str());
  EvalScope eval(*model_);
  const int64_t total = x.shape()[0];
  Tensor result;
  int64_t row = 0;
  for (int64_t start = 0; start < total; start += kEvalChunk) {
    const int64_t b = std::min(kEvalChunk, total - start);
    Tensor out = model_->forward(rows(x, start, b));
    if (needs_labels(options_.loss)) out = softmax(out, -1);
    else if (options_.loss == LossKind::bce) out = sigmoid(out);
    if (!result.defined()) {
      Shape s = out.shape();
      s[0] = total;
      result = Tensor::empty(s);
      row = out.numel() / b;
    }
    std::memcpy(result.data() + start * row, out.data(), b * row * sizeof(float));
  }
  return result;
}

void Trainer::set_optimizer(const optim::OptimizerConfig& config) {
  if (!optim::differs_only_in_lr(options_.optimizer, config)) {
    std::vector<Tensor> ps;
    for (const auto& [name, p] : params_) ps.push_back(p);
    optimizer_ = optim::make_optimizer(config, ps);
  }
  options_.optimizer = config;
  set_lr(config.lr);
}

void Trainer::set_lr(float lr) {
  optimizer_->set_lr(lr);  // checks it
  base_lr_ = lr;
  apply_schedule();
}

TrainerOptions Trainer::options() const {
  TrainerOptions o = options_;
  o.optimizer.lr = optimizer_->lr();
  return o;
}

void Trainer::set_loss(LossKind loss) {
  const LossKind old = options_.loss;
  options_.loss = loss;
  if (y_.defined()) {
    try {
      check_targets(y_);
    } catch (...) {
      options_.loss = old;
      throw;
    }
  }
}

void Trainer::set_regularization(float l1, float l2) {
  if (!(l1 >= 0) || !(l2 >= 0) || !std::isfinite(l1) || !std::isfinite(l2))
    throw ValueError("Trainer: regularisation strengths must be finite and >= 0, got l1=" + std::to_string(l1) +
                     " l2=" + std::to_string(l2));
  options_.l1 = l1;
  options_.l2 = l2;
}

void Trainer::set_batch_size(int64_t batch_size) {
  if (batch_size < 1) throw ValueError("Trainer: batch size must be >= 1, got " + std::to_string(batch_size));
  options_.batch_size = batch_size;
  if (loader_) loader_->set_batch_size(batch_size);
}

std::vector<Tensor> Trainer::gradients() const {
  std::vector<Tensor> out;
  for (const auto& [name, p] : params_) out.push_back(p.grad());
  return out;
}

NamedTensors Trainer::named_gradients() const {
  NamedTensors out;
  for (const auto& [name, p] : params_) {
    Tensor g = p.grad();
    out.emplace_back(name, g.defined() ? g : zeros_like(p));
  }
  return out;
}

void Trainer::set_weight(const std::string& name, int64_t index, float value) {
  for (const auto& [n, p] : params_) {
    if (n != name) continue;
    if (index < 0 || index >= p.numel())
      throw IndexError("setWeight: index " + std::to_string(index) + " is outside parameter \"" + name +
                       "\" of shape " + p.shape().str());
    Tensor(p).data()[index] = value;
    return;
  }
  throw ValueError("setWeight: no parameter named \"" + name + "\"");
}

NamedTensors Trainer::activations(const Tensor& x) {
  if (x.rank() < 1 || x.shape()[0] == 0)
    throw ShapeError("Trainer.activations: x must have at least one row, got " + x.shape().str());
  EvalScope eval(*model_);
  NamedTensors layers;
  if (model_->children().empty()) {
    layers.emplace_back("0", model_->forward(x));
  } else {
    Tensor h = x;
    for (const auto& [name, child] : model_->children()) {
      h = child->forward(h);
      layers.emplace_back(name, h);
    }
  }
  return layers;
}

}  // namespace nabla::nn
