// Anomaly mode: a debugging switch that makes the first op producing NaN or Inf throw, naming it.
// Off by default (the check reads every result); thread-local, like grad mode.
#pragma once
#include <span>

#include "nabla/autograd/flag_guard.h"
#include "nabla/tensor/tensor.h"

namespace nabla {

bool is_anomaly_mode_enabled();
/// When on, every op checks its result and every backward closure its gradients for NaN/Inf, and throws
/// nabla::Error("anomaly: op 'log' produced NaN/Inf ...") at the first one, with the shapes involved.
void set_anomaly_mode(bool enabled);

/// Sets anomaly mode for a scope.
class AnomalyModeGuard : public FlagGuard<&is_anomaly_mode_enabled, &set_anomaly_mode> {
 public:
  explicit AnomalyModeGuard(bool enabled = true) : FlagGuard(enabled) {}
};

namespace detail {

/// Called by record(): throws if anomaly mode is on and `result` of `op` holds NaN/Inf.
void check_op_result(const char* op, const Tensor& result, std::span<const Tensor> inputs);
/// Called by the backward walk after `op`'s closure: throws if gradient `grad` for input `input` holds NaN/Inf.
void check_backward_gradient(const char* op, int input, const Tensor& grad);

/// Marks the ops run inside a backward closure, so that an anomaly there names the op being differentiated.
class AnomalyBackwardScope {
 public:
  explicit AnomalyBackwardScope(const char* op);
  ~AnomalyBackwardScope();
  AnomalyBackwardScope(const AnomalyBackwardScope&) = delete;
  AnomalyBackwardScope& operator=(const AnomalyBackwardScope&) = delete;

 private:
  const char* prev_;
};

}  // namespace detail
}  // namespace nabla
