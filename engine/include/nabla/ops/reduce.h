// Reductions over all elements or over chosen axes.
#pragma once
#include <vector>

#include "nabla/tensor/tensor.h"

namespace nabla {

/// Sum of all elements (a rank-0 tensor).
Tensor sum(const Tensor& x);
/// Sum over `axes` (negative counts from the end); keepdim leaves them as size 1.
Tensor sum(const Tensor& x, const std::vector<int64_t>& axes, bool keepdim = false);
Tensor mean(const Tensor& x);
Tensor mean(const Tensor& x, const std::vector<int64_t>& axes, bool keepdim = false);
/// Maximum of all elements; the gradient goes to the first maximal element.
Tensor max(const Tensor& x);
/// Maximum over one axis; the gradient goes to the first maximal element along it.
Tensor max(const Tensor& x, int64_t axis, bool keepdim = false);
/// Index of the maximum along `axis` (as floats; not differentiable).
Tensor argmax(const Tensor& x, int64_t axis);

}  // namespace nabla
