// Ops that move elements without changing them: reshape, transpose, permute, concat, slice, index_select.
#pragma once
#include <vector>

#include "nabla/tensor/tensor.h"

namespace nabla {

/// Same elements, new shape (shares data). One dimension may be -1 (inferred). ShapeError if sizes differ.
Tensor reshape(const Tensor& x, const std::vector<int64_t>& shape);
/// Collapses dimensions start_axis..end_axis into one.
Tensor flatten(const Tensor& x, int64_t start_axis = 1, int64_t end_axis = -1);
/// Swaps two axes (a copy).
Tensor transpose(const Tensor& x, int64_t axis0 = -2, int64_t axis1 = -1);
/// Reorders axes: out.shape[i] = x.shape[order[i]]. ValueError unless `order` is a permutation.
Tensor permute(const Tensor& x, const std::vector<int64_t>& order);
/// Joins tensors along `axis`; all other dimensions must agree.
Tensor concat(const std::vector<Tensor>& xs, int64_t axis = 0);
/// Elements start, start+step, ... below end along `axis` (end clipped to the size, as in Python slicing).
Tensor slice(const Tensor& x, int64_t axis, int64_t start, int64_t end, int64_t step = 1);
/// Picks entries `index` along `axis`; IndexError for an index outside the axis.
Tensor index_select(const Tensor& x, int64_t axis, const std::vector<int64_t>& index);
/// np.roll / torch.roll along one axis: element i moves to (i + shift) mod n; any shift, negative too.
Tensor roll(const Tensor& x, int64_t shift, int64_t axis);

}  // namespace nabla
