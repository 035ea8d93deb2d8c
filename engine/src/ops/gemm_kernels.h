// The GEMM implementations behind nabla::gemm, one per instruction set; gemm.cpp picks one at compile
// time. All share gemm.h's contract (row-major, trans flags, beta 0 or 1). Exposed for the tests and
// benchmarks, which compare them with each other and with a naive loop.
#pragma once
#include <cstdint>

namespace nabla::detail {

/// Eigen's blocked product (its AVX/AVX-512 kernels natively, SSE-through-emulation in WASM).
void gemm_eigen(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                const float* b, float* c, float beta);
/// The packed driver with a plain C++ 4x8 microkernel (whatever the compiler auto-vectorises).
void gemm_portable(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                   const float* b, float* c, float beta);
#if defined(__wasm_simd128__)
/// The packed driver with a WebAssembly SIMD128 microkernel.
void gemm_simd128(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                  const float* b, float* c, float beta);
#endif
#if defined(__AVX512F__)
/// The packed driver with an AVX-512 FMA microkernel.
void gemm_avx512(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                 const float* b, float* c, float beta);
#endif

}  // namespace nabla::detail
