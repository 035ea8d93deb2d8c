// Eigen views of tensor data, for op kernels. Kept out of tensor.h so that only kernels pay Eigen's compile time.
#pragma once
#include <Eigen/Core>

#include "nabla/error.h"
#include "nabla/tensor/tensor.h"

namespace nabla {

using ArrayMap = Eigen::Map<Eigen::ArrayXf>;
using ConstArrayMap = Eigen::Map<const Eigen::ArrayXf>;
using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<RowMatrix>;
using ConstMatrixMap = Eigen::Map<const RowMatrix>;

/// All elements as one flat array.
inline ArrayMap as_array(Tensor& t) { return ArrayMap(t.data(), t.numel()); }
inline ConstArrayMap as_array(const Tensor& t) { return ConstArrayMap(t.data(), t.numel()); }

/// A rank-2 tensor as a row-major matrix.
inline MatrixMap as_matrix(Tensor& t) { return MatrixMap(t.data(), t.shape()[0], t.shape()[1]); }
inline ConstMatrixMap as_matrix(const Tensor& t) {
  return ConstMatrixMap(t.data(), t.shape()[0], t.shape()[1]);
}

/// Evaluates an Eigen array expression into a new tensor of `shape`.
template <typename Expr>
Tensor from_array(const Shape& shape, const Eigen::ArrayBase<Expr>& expr) {
  Tensor out = Tensor::empty(shape);
  as_array(out) = expr;
  return out;
}

}  // namespace nabla
