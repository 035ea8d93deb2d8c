// Reverse-mode differentiation over the recorded graph. The walk is iterative (an explicit stack and a
// topological order), so a chain of 100,000 ops backpropagates within WebAssembly's small stack.
#pragma once
#include <vector>

#include "nabla/tensor/tensor.h"

namespace nabla {

struct BackwardOptions {
  /// Keep the graph (and each node's gradient, for graph exports) so that backward can run again.
  bool retain_graph = false;
  /// Record the backward pass itself, so the gradients can be differentiated again.
  bool create_graph = false;
};

/// Accumulates d(root)/d(leaf) into .grad of every leaf that requires grad. `grad` defaults to 1 for a
/// one-element root; any other root needs an explicit gradient of its shape (AutogradError otherwise).
void backward(const Tensor& root, const Tensor& grad = Tensor(), const BackwardOptions& options = {});

/// Gradients of `root` with respect to `inputs` (leaves or not), returned rather than accumulated; an input
/// that `root` does not depend on gets zeros. With create_graph the results are differentiable.
std::vector<Tensor> gradients(const Tensor& root, const std::vector<Tensor>& inputs,
                              const Tensor& grad = Tensor(), const BackwardOptions& options = {});

}  // namespace nabla
