// Whether ops record the graph. Thread-local, like PyTorch's grad mode.
#pragma once
#include "nabla/autograd/flag_guard.h"

namespace nabla {

bool is_grad_enabled();
void set_grad_enabled(bool enabled);

/// Sets grad mode for a scope; backward with create_graph uses it to record its own ops.
using GradModeGuard = FlagGuard<&is_grad_enabled, &set_grad_enabled>;

/// Ops run inside its scope record nothing: for evaluation, optimizer updates and plain backward.
class NoGradGuard : public GradModeGuard {
 public:
  NoGradGuard() : GradModeGuard(false) {}
};

}  // namespace nabla
