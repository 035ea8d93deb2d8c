// nabla::gemm: picks the fastest kernel of gemm_kernels.h for the target at compile time (each own kernel
// then picks by size between its direct path for small products and its packed driver).
// WASM with SIMD128: the own packed microkernel (about 2x Eigen's emulated-SSE path, see benchmarks/).
// Native: the own AVX-512 kernel where the target has it (10-25% above Eigen's on a Zen 5, measured by
// `nabla_bench`), else Eigen's AVX2/SSE kernels.
#include "nabla/ops/gemm.h"

#include "gemm_kernels.h"

namespace nabla {

void gemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a, const float* b,
          float* c, float beta) {
#if defined(__wasm_simd128__)
  detail::gemm_simd128(trans_a, trans_b, m, n, k, a, b, c, beta);
#elif defined(__wasm__)
  detail::gemm_portable(trans_a, trans_b, m, n, k, a, b, c, beta);
#elif defined(__AVX512F__)
  detail::gemm_avx512(trans_a, trans_b, m, n, k, a, b, c, beta);
#else
  detail::gemm_eigen(trans_a, trans_b, m, n, k, a, b, c, beta);
#endif
}

}  // namespace nabla
