// Anomaly mode: finds the first op whose result or gradient is NaN or Inf.
#include "nabla/autograd/anomaly.h"

#include <cmath>
#include <string>

#include "nabla/error.h"

namespace nabla {

namespace {
thread_local bool anomaly_enabled = false;
thread_local const char* backward_of = nullptr;  // the op whose backward closure is running, if any

// Index of the first NaN/Inf element, or -1.
int64_t first_non_finite(const Tensor& t) {
  const float* p = t.data();
  for (int64_t i = 0, n = t.numel(); i < n; ++i)
    if (!std::isfinite(p[i])) return i;
  return -1;
}

std::string describe(const Tensor& t, int64_t at) {
  float v = t.data()[at];
  return std::string(std::isnan(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf") + " at element " + std::to_string(at) +
         " of shape " + t.shape().str();
}
}  // namespace

bool is_anomaly_mode_enabled() { return anomaly_enabled; }
void set_anomaly_mode(bool enabled) { anomaly_enabled = enabled; }

namespace detail {

void check_op_result(const char* op, const Tensor& result, std::span<const Tensor> inputs) {
  if (!anomaly_enabled || !result.defined()) return;
  int64_t at = first_non_finite(result);
  if (at < 0) return;
  std::string msg = std::string("anomaly: op '") + op + "' produced NaN/Inf (" + describe(result, at) + ")";
  if (backward_of) msg += std::string(" in the backward of op '") + backward_of + "'";
  msg += "; input shapes";
  std::string already;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!inputs[i].defined()) continue;
    msg += (i ? ", " : " ") + inputs[i].shape().str();
    if (first_non_finite(inputs[i]) >= 0) already += (already.empty() ? "" : ", ") + std::to_string(i);
  }
  if (!already.empty()) msg += " (input " + already + " already held NaN/Inf before this op)";
  throw Error(msg);
}

void check_backward_gradient(const char* op, int input, const Tensor& grad) {
  if (!anomaly_enabled || !grad.defined()) return;
  int64_t at = first_non_finite(grad);
  if (at < 0) return;
  throw Error(std::string("anomaly: backward of op '") + op + "' produced NaN/Inf in the gradient of input " +
              std::to_string(input) + " (" + describe(grad, at) + ")");
}

AnomalyBackwardScope::AnomalyBackwardScope(const char* op) : prev_(backward_of) { backward_of = op; }
AnomalyBackwardScope::~AnomalyBackwardScope() { backward_of = prev_; }

}  // namespace detail
}  // namespace nabla
