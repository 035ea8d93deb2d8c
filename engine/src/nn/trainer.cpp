// The training loop behind Trainer::step: gather a shuffled minibatch into reused buffers, forward, fused
// loss, backward, regularisation added straight into the weight gradients, optimizer update.
#include "nabla/nn/trainer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "nabla/autograd/grad_mode.h"
#include "nabla/error.h"
#include "nabla/ops/layout.h"
#include "nabla/ops/loss.h"
#include "nabla/ops/softmax.h"
#include "nabla/ops/unary.h"

namespace nabla::nn {

LossKind parse_loss_kind(const std::string& name) {
  if (name == "cross_entropy") return LossKind::cross_entropy;
  if (name == "mse") return LossKind::mse;
  if (name == "hinge" || name == "multi_margin") return LossKind::hinge;
  if (name == "bce") return LossKind::bce;
  throw ValueError("Trainer: unknown loss '" + name + "' (expected cross_entropy, mse, hinge or bce)");
}

const char* loss_kind_name(LossKind kind) {
  switch (kind) {
    case LossKind::cross_entropy: return "cross_entropy";
    case LossKind::mse: return "mse";
    case LossKind::hinge: return "hinge";
    case LossKind::bce: return "bce";
  }
  return "?";
}

namespace {
constexpr int64_t kEvalChunk = 1024;

int64_t argmax_row(const float* row, int64_t k) {
  return std::max_element(row, row + k) - row;
}

bool needs_labels(LossKind kind) { return kind == LossKind::cross_entropy || kind == LossKind::hinge; }

// Rows [start, start + count) of t, as a new tensor.
Tensor rows(const Tensor& t, int64_t start, int64_t count) {
  Shape s = t.shape();
  s[0] = count;
  int64_t row = t.numel() / t.shape()[0];
  return Tensor::from_data(t.data() + start * row, s);
}
}  // namespace

Trainer::Trainer(std::shared_ptr<Module> model, TrainerOptions options)
    : model_(std::move(model)), options_(options), shuffle_gen_(options.seed) {
  if (!model_) throw ValueError("Trainer: model must not be null");
  loss_ = parse_loss_kind(options.loss);
  set_regularization(options.l1, options.l2);
  set_batch_size(options.batch_size);
  params_ = model_->named_parameters();
  for (const auto& [name, p] : params_) regularized_.push_back(p.rank() >= 2);
  std::vector<Tensor> ps;
  for (const auto& [name, p] : params_) ps.push_back(p);
  optimizer_ = optim::make_optimizer(options.optimizer, ps);
}

void Trainer::check_targets(const Tensor& y) const {
  if (!needs_labels(loss_)) return;
  if (y.rank() != 1)
    throw ShapeError(std::string("Trainer: loss ") + loss_kind_name(loss_) + " needs class labels of shape (N), got " +
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
  row_x_ = x_.numel() / x_.shape()[0];
  row_y_ = y_.numel() / y_.shape()[0];
  order_.resize(x_.shape()[0]);
  reshuffle();
  xb_ = Tensor();
  yb_ = Tensor();
}

void Trainer::reshuffle() {
  // Fisher-Yates on the trainer's own generator: the same seed gives the same batches everywhere.
  for (size_t i = 0; i < order_.size(); ++i) order_[i] = int64_t(i);
  for (size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[shuffle_gen_.below(uint32_t(i))]);
  cursor_ = 0;
}

Trainer::BatchResult Trainer::batch_loss(const Tensor& out, const Tensor& y) {
  BatchResult r;
  const int64_t n = out.shape()[0];
  if (needs_labels(loss_)) {
    if (out.rank() != 2)
      throw ShapeError(std::string("Trainer: loss ") + loss_kind_name(loss_) + " needs outputs (N, K), got " +
                       out.shape().str());
    r.loss = loss_ == LossKind::cross_entropy ? cross_entropy(out, y) : multi_margin_loss(out, y);
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
    throw ShapeError(std::string("Trainer: loss ") + loss_kind_name(loss_) + " cannot match targets " +
                     y.shape().str() + " to outputs " + out.shape().str());
  }
  r.loss = loss_ == LossKind::mse ? mse_loss(out, target) : binary_cross_entropy_with_logits(out, target);
  if (labels) {
    for (int64_t i = 0; i < n; ++i) r.correct += argmax_row(out.data() + i * k, k) == int64_t(y.data()[i]);
    r.counted = double(n);
  } else if (loss_ == LossKind::bce) {
    for (int64_t i = 0; i < out.numel(); ++i) r.correct += (out.data()[i] > 0) == (target.data()[i] > 0.5f);
    r.counted = double(out.numel());
  } else if (out.rank() == 2 && k > 1) {
    for (int64_t i = 0; i < n; ++i)
      r.correct += argmax_row(out.data() + i * k, k) == argmax_row(target.data() + i * k, k);
    r.counted = double(n);
  }
  return r;
}

void Trainer::apply_regularization() {
  if (options_.l1 == 0 && options_.l2 == 0) return;
  // The penalty's gradient, l1 sign(w) + 2 l2 w, is added directly rather than through l1_penalty/l2_penalty
  // ops: same result, no graph. A new tensor, because a leaf's gradient may share storage with another's.
  const float l1 = options_.l1, l2x2 = 2 * options_.l2;
  for (size_t k = 0; k < params_.size(); ++k) {
    if (!regularized_[k]) continue;
    Tensor p = params_[k].second, g = p.grad();
    if (!g.defined()) continue;
    Tensor out = Tensor::empty(p.shape());
    const float *w = p.data(), *gd = g.data();
    float* o = out.data();
    for (int64_t i = 0, n = p.numel(); i < n; ++i)
      o[i] = gd[i] + l1 * float((w[i] > 0) - (w[i] < 0)) + l2x2 * w[i];
    p.set_grad(out);
  }
}

Metrics Trainer::step(int64_t n) {
  if (!x_.defined()) throw ValueError("Trainer.step: no training data (call set_data first)");
  if (n < 1) throw ValueError("Trainer.step: number of steps must be >= 1, got " + std::to_string(n));
  model_->train(true);
  const int64_t total = x_.shape()[0];
  double loss_sum = 0, correct = 0, counted = 0;
  for (int64_t s = 0; s < n; ++s) {
    const int64_t b = std::min(options_.batch_size, total - cursor_);
    if (!xb_.defined() || xb_.shape()[0] != b) {
      Shape xs = x_.shape(), ys = y_.shape();
      xs[0] = b, ys[0] = b;
      xb_ = Tensor::empty(xs);
      yb_ = Tensor::empty(ys);
    }
    float *xb = xb_.data(), *yb = yb_.data();
    const float *xs = x_.data(), *ys = y_.data();
    for (int64_t i = 0; i < b; ++i) {
      const int64_t r = order_[cursor_ + i];
      // Rows of a few floats (2-D points, labels) copy faster in a loop than through memcpy calls.
      if (row_x_ <= 8)
        for (int64_t j = 0; j < row_x_; ++j) xb[i * row_x_ + j] = xs[r * row_x_ + j];
      else
        std::memcpy(xb + i * row_x_, xs + r * row_x_, row_x_ * sizeof(float));
      if (row_y_ <= 8)
        for (int64_t j = 0; j < row_y_; ++j) yb[i * row_y_ + j] = ys[r * row_y_ + j];
      else
        std::memcpy(yb + i * row_y_, ys + r * row_y_, row_y_ * sizeof(float));
    }
    for (auto& [name, p] : params_) p.zero_grad();
    Tensor out = model_->forward(xb_);
    BatchResult r = batch_loss(out, yb_);
    r.loss.backward();
    apply_regularization();
    optimizer_->step();
    loss_sum += r.loss.item();
    correct += r.correct;
    counted += r.counted;
    ++steps_;
    cursor_ += b;
    if (cursor_ >= total) {
      ++epochs_;
      reshuffle();
    }
  }
  return {float(loss_sum / double(n)),
          counted > 0 ? float(correct / counted) : std::numeric_limits<float>::quiet_NaN()};
}

Metrics Trainer::evaluate(const Tensor& x, const Tensor& y) {
  if (x.rank() < 1 || y.rank() < 1 || x.shape()[0] != y.shape()[0] || x.shape()[0] == 0)
    throw ShapeError("Trainer.evaluate: x " + x.shape().str() + " and y " + y.shape().str() +
                     " must have the same, non-zero number of rows");
  check_targets(y);
  NoGradGuard no_grad;
  const bool was_training = model_->is_training();
  model_->eval();
  double loss_sum = 0, correct = 0, counted = 0;
  const int64_t total = x.shape()[0];
  for (int64_t start = 0; start < total; start += kEvalChunk) {
    const int64_t b = std::min(kEvalChunk, total - start);
    BatchResult r = batch_loss(model_->forward(rows(x, start, b)), rows(y, start, b));
    loss_sum += double(r.loss.item()) * double(b);
    correct += r.correct;
    counted += r.counted;
  }
  model_->train(was_training);
  return {float(loss_sum / double(total)),
          counted > 0 ? float(correct / counted) : std::numeric_limits<float>::quiet_NaN()};
}

Tensor Trainer::predict(const Tensor& x) {
  if (x.rank() < 1 || x.shape()[0] == 0)
    throw ShapeError("Trainer.predict: x must have at least one row, got " + x.shape().str());
  NoGradGuard no_grad;
  const bool was_training = model_->is_training();
  model_->eval();
  const int64_t total = x.shape()[0];
  Tensor result;
  int64_t row = 0;
  for (int64_t start = 0; start < total; start += kEvalChunk) {
    const int64_t b = std::min(kEvalChunk, total - start);
    Tensor out = model_->forward(rows(x, start, b));
    if (needs_labels(loss_)) out = softmax(out, -1);
    else if (loss_ == LossKind::bce) out = sigmoid(out);
    if (!result.defined()) {
      Shape s = out.shape();
      s[0] = total;
      result = Tensor::empty(s);
      row = out.numel() / b;
    }
    std::memcpy(result.data() + start * row, out.data(), b * row * sizeof(float));
  }
  model_->train(was_training);
  return result;
}

void Trainer::set_optimizer(const optim::OptimizerConfig& config) {
  optim::OptimizerConfig same_but_lr = options_.optimizer;
  same_but_lr.lr = config.lr;
  const auto& a = same_but_lr;
  const auto& c = config;
  bool only_lr = a.name == c.name && a.momentum == c.momentum && a.nesterov == c.nesterov &&
                 a.weight_decay == c.weight_decay && a.beta1 == c.beta1 && a.beta2 == c.beta2 && a.eps == c.eps &&
                 a.alpha == c.alpha;
  if (only_lr) {
    optimizer_->set_lr(config.lr);
  } else {
    std::vector<Tensor> ps;
    for (const auto& [name, p] : params_) ps.push_back(p);
    optimizer_ = optim::make_optimizer(config, ps);
  }
  options_.optimizer = config;
}

void Trainer::set_lr(float lr) {
  optimizer_->set_lr(lr);
  options_.optimizer.lr = lr;
}

void Trainer::set_loss(const std::string& loss) {
  LossKind kind = parse_loss_kind(loss);
  LossKind old = loss_;
  loss_ = kind;
  if (y_.defined()) {
    try {
      check_targets(y_);
    } catch (...) {
      loss_ = old;
      throw;
    }
  }
  options_.loss = loss;
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
}

std::vector<Tensor> Trainer::gradients() const {
  std::vector<Tensor> out;
  for (const auto& [name, p] : params_) out.push_back(p.grad());
  return out;
}

}  // namespace nabla::nn
