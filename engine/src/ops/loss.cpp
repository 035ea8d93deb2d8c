// Losses, each the mean over the batch. N = batch, K = classes; labels are class indices stored as floats.
//
// Derivatives (only cross_entropy has a backward of its own; the rest are composed):
//   cross_entropy(z, y)   = -mean_i log_softmax(z)[i, y_i]     dz += (softmax(z) - onehot(y)) * dy / N
//   nll_loss(lp, y)       = -mean_i lp[i, y_i]                 i.e. dlp = -onehot(y) / N     (composed)
//   mse_loss(p, t)        = mean((p - t)^2)                                              (composed)
//   l1_loss(p, t)         = mean(|p - t|)                                                (composed)
//   bce_with_logits(z, t) = mean(softplus(z) - z t)    i.e. dz = (sigmoid(z) - t) / n    (composed)
//   multi_margin_loss     = sum(relu(m + s - s_y) * [j != y]) / N                        (composed)
//   l1_penalty(w)         = sum(|w|),   l2_penalty(w) = sum(w^2)                         (composed)
#include "nabla/ops/loss.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "nabla/autograd/grad_mode.h"
#include "nabla/autograd/node.h"
#include "nabla/error.h"
#include "nabla/ops/arith.h"
#include "nabla/ops/reduce.h"
#include "nabla/ops/softmax.h"
#include "nabla/ops/unary.h"
#include "nabla/tensor/factory.h"

namespace nabla {

namespace {

void check_same_shape(const Tensor& a, const Tensor& b, const char* op, const char* na, const char* nb) {
  if (a.shape() != b.shape())
    throw ShapeError(std::string(op) + ": " + na + " " + a.shape().str() + " and " + nb + " " +
                     b.shape().str() + " must have the same shape");
}

// Checks scores (N, K) and labels (N) of integers in [0, K); returns the labels as indices.
std::vector<int64_t> class_indices(const Tensor& scores, const Tensor& labels, const char* op) {
  if (scores.rank() != 2)
    throw ShapeError(std::string(op) + ": expected scores of shape (N, K), got " + scores.shape().str());
  int64_t n = scores.shape()[0], k = scores.shape()[1];
  if (labels.rank() != 1 || labels.shape()[0] != n)
    throw ShapeError(std::string(op) + ": labels " + labels.shape().str() + " do not match scores " +
                     scores.shape().str() + " (expected [" + std::to_string(n) + "])");
  if (n == 0) throw ValueError(std::string(op) + ": the batch is empty (scores " + scores.shape().str() + ")");
  std::vector<int64_t> idx(n);
  for (int64_t i = 0; i < n; ++i) {
    float v = labels.data()[i];
    if (!(v >= 0 && v < static_cast<float>(k)) || v != std::floor(v))
      throw ValueError(std::string(op) + ": label " + std::to_string(v) + " at position " +
                       std::to_string(i) + " is not a class index in [0, " + std::to_string(k) + ")");
    idx[i] = static_cast<int64_t>(v);
  }
  return idx;
}

Tensor onehot(const std::vector<int64_t>& idx, int64_t k) {
  Tensor t = zeros(Shape{static_cast<int64_t>(idx.size()), k});
  for (size_t i = 0; i < idx.size(); ++i) t.data()[i * k + idx[i]] = 1.0f;
  return t;
}

}  // namespace

Tensor mse_loss(const Tensor& pred, const Tensor& target) {
  check_same_shape(pred, target, "mse_loss", "pred", "target");
  Tensor d = sub(pred, target);
  return mean(mul(d, d));
}

Tensor l1_loss(const Tensor& pred, const Tensor& target) {
  check_same_shape(pred, target, "l1_loss", "pred", "target");
  return mean(abs(sub(pred, target)));
}

// Fused: it runs in every classifier's training step, so the forward is one pass of stable log-softmax
// over each row, picking the label's entry, with no intermediate (N, K) tensors.
Tensor cross_entropy(const Tensor& logits, const Tensor& labels) {
  std::vector<int64_t> idx = class_indices(logits, labels, "cross_entropy");
  int64_t n = logits.shape()[0], k = logits.shape()[1];
  // The softmax the backward needs falls out of the forward's exponentials: kept when a graph is being
  // recorded, it saves the backward recomputing them (a 2-16-16-2 MLP step in WASM: 10.9 -> 9.6 us).
  const bool recording = is_grad_enabled() && logits.requires_grad();
  Tensor probs = recording ? Tensor::empty(logits.shape()) : Tensor();
  const float* z = logits.data();
  double total = 0;
  for (int64_t i = 0; i < n; ++i) {
    const float* row = z + i * k;
    float m = -std::numeric_limits<float>::infinity();
    for (int64_t j = 0; j < k; ++j) m = std::fmax(m, row[j]);
    float* p = recording ? probs.data() + i * k : nullptr;
    double s = 0;
    for (int64_t j = 0; j < k; ++j) {
      const float e = std::exp(row[j] - m);
      s += e;
      if (p) p[j] = e;
    }
    if (p) {
      const float inv = static_cast<float>(1.0 / s);
      for (int64_t j = 0; j < k; ++j) p[j] *= inv;
    }
    total += (m + std::log(s)) - row[idx[i]];  // logsumexp - z_y = -log_softmax[y]
  }
  Tensor loss = scalar(static_cast<float>(total / static_cast<double>(n)));
  // logits = logits: a non-const member, so that moving the closure into its node moves (see linear).
  return record("cross_entropy", std::move(loss), {logits},
                [logits = logits, probs = std::move(probs), idx = std::move(idx), k, n](const Tensor& dy, Grads& g) {
    if (!is_grad_enabled()) {
      // The same arithmetic as below in one pass: (softmax - onehot) * (dy / n).
      Tensor d = Tensor::empty(probs.shape());
      const float c = dy.item() * (1.0f / static_cast<float>(n));
      const float* p = probs.data();
      float* out = d.data();
      for (int64_t i = 0, m = n * k; i < m; ++i) out[i] = p[i] * c;
      for (int64_t i = 0; i < n; ++i) out[i * k + idx[i]] -= c;
      g[0] += std::move(d);
      return;
    }
    // Written with ops (softmax recomputed from the logits) so that it differentiates again.
    g[0] += mul(sub(softmax(logits, 1), onehot(idx, k)), mul(dy, 1.0f / static_cast<float>(n)));
  });
}

Tensor nll_loss(const Tensor& log_probs, const Tensor& labels) {
  std::vector<int64_t> idx = class_indices(log_probs, labels, "nll_loss");
  const int64_t n = log_probs.shape()[0], k = log_probs.shape()[1];
  return mul(sum(mul(log_probs, onehot(idx, k))), -1.0f / static_cast<float>(n));
}

Tensor binary_cross_entropy_with_logits(const Tensor& logits, const Tensor& targets) {
  check_same_shape(logits, targets, "binary_cross_entropy_with_logits", "logits", "targets");
  for (int64_t i = 0; i < targets.numel(); ++i) {
    float t = targets.data()[i];
    if (!(t >= 0.0f && t <= 1.0f))
      throw ValueError("binary_cross_entropy_with_logits: target " + std::to_string(t) + " at position " +
                       std::to_string(i) + " is outside [0, 1]");
  }
  // -[t log s(z) + (1-t) log(1-s(z))] = softplus(z) - t z; softplus is stable at |z| = 1e4.
  return mean(sub(softplus(logits), mul(logits, targets)));
}

Tensor multi_margin_loss(const Tensor& scores, const Tensor& labels, float margin) {
  std::vector<int64_t> idx = class_indices(scores, labels, "multi_margin_loss");
  int64_t n = scores.shape()[0], k = scores.shape()[1];
  Tensor hot = onehot(idx, k);
  Tensor correct = sum(mul(scores, hot), {1}, true);                // (N, 1): s_y
  Tensor margins = relu(add(sub(scores, correct), margin));         // (N, K)
  Tensor others = add(neg(hot), 1.0f);                              // the j != y mask
  return mul(sum(mul(margins, others)), 1.0f / static_cast<float>(n));
}

Tensor l1_penalty(const Tensor& w) { return sum(abs(w)); }

Tensor l2_penalty(const Tensor& w) { return sum(mul(w, w)); }

}  // namespace nabla
