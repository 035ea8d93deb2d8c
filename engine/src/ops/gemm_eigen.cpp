// GEMM on Eigen's blocked product: the reference the own kernels are measured against (native builds only;
// the WebAssembly build has its own SIMD128 kernel and no Eigen code).
#include <Eigen/Core>

#include "gemm_kernels.h"

namespace nabla::detail {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<RowMatrix>;
using ConstMatrixMap = Eigen::Map<const RowMatrix>;

void gemm_eigen(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                const float* b, float* c, float beta) {
  MatrixMap C(c, m, n);
  if (k == 0) {
    if (beta == 0.0f) C.setZero();
    return;
  }
  ConstMatrixMap A(a, trans_a ? k : m, trans_a ? m : k);
  ConstMatrixMap B(b, trans_b ? n : k, trans_b ? k : n);
  auto run = [&](const auto& lhs, const auto& rhs) {
    if (beta == 0.0f)
      C.noalias() = lhs * rhs;
    else
      C.noalias() += lhs * rhs;
  };
  if (!trans_a && !trans_b) run(A, B);
  else if (!trans_a && trans_b) run(A, B.transpose());
  else if (trans_a && !trans_b) run(A.transpose(), B);
  else run(A.transpose(), B.transpose());
}

}  // namespace nabla::detail
