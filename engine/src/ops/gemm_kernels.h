// The GEMM implementations behind nabla::gemm, one per instruction set; gemm.cpp picks one at compile
// time. All share gemm.h's contract (row-major, trans flags, beta 0 or 1). Exposed for the tests and
// benchmarks, which compare them with each other and with a naive loop. Each own kernel comes in three
// entry points: gemm_<isa> picks by size between gemm_<isa>_small (direct, gemm_small.h) and
// gemm_<isa>_packed (the blocked driver, gemm_blocked.h); the two are exposed so that tests cover both.
#pragma once
#include <cstdint>

namespace nabla::detail {

/// Eigen's blocked product (its AVX/AVX-512 kernels natively, SSE-through-emulation in WASM).
void gemm_eigen(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                const float* b, float* c, float beta);
/// Plain C++ (whatever the compiler auto-vectorises): direct 4-lane tiles, or the packed driver with a 4x8 tile.
void gemm_portable(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                   const float* b, float* c, float beta);
void gemm_portable_small(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                         const float* b, float* c, float beta);
void gemm_portable_packed(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                          const float* b, float* c, float beta);
#if defined(__wasm_simd128__)
/// WebAssembly SIMD128: direct f32x4 tiles, or the packed driver with a SIMD128 microkernel.
void gemm_simd128(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                  const float* b, float* c, float beta);
void gemm_simd128_small(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                        const float* b, float* c, float beta);
void gemm_simd128_packed(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                         const float* b, float* c, float beta);
#endif
#if defined(__AVX512F__)
/// AVX-512 FMA: direct zmm tiles with masked column tails, or the packed driver with an MR x 32 tile.
void gemm_avx512(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                 const float* b, float* c, float beta);
void gemm_avx512_small(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                       const float* b, float* c, float beta);
void gemm_avx512_packed(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                        const float* b, float* c, float beta);
#endif

}  // namespace nabla::detail
