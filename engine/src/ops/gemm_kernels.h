// The GEMM implementations behind nabla::gemm, one per instruction set; gemm.cpp picks one at compile
// time. All share gemm.h's contract (row-major, trans flags, beta 0 or 1). Exposed for the tests and
// benchmarks, which compare them with each other and with a naive loop. Each own kernel is one function,
// gemm_<isa>_run(path, product), over its direct path (gemm_small.h) and its packed driver (gemm_blocked.h);
// gemm_<isa> (the path its size rule picks), gemm_<isa>_small and gemm_<isa>_packed (one path forced, so that
// tests cover both) are that function behind gemm.h's signature.
#pragma once
#include <cstdint>

#include "gemm_parallel.h"

namespace nabla::detail {

/// gemm.h's signature: every entry point below has it.
using GemmSignature = void(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a,
                           const float* b, float* c, float beta);

/// Which path of an own kernel runs a product: the one its size rule picks for the whole product, or one forced.
enum class GemmPath { by_size, direct, packed };

/// An own kernel's Run(path, product) behind gemm.h's signature.
template <void (*Run)(GemmPath, const GemmArgs&), GemmPath Path>
void gemm_on(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, const float* a, const float* b,
             float* c, float beta) {
  Run(Path, GemmArgs::dense(trans_a, trans_b, m, n, k, a, b, c, beta));
}

/// Eigen's blocked product (its AVX/AVX-512 kernels natively, SSE-through-emulation in WASM).
GemmSignature gemm_eigen;

/// The own kernels, each defined where its instruction set is compiled in: plain C++ (whatever the compiler
/// auto-vectorises: direct 4-lane tiles, or the packed driver with a 4x8 tile), WebAssembly SIMD128 (direct
/// f32x4 tiles, or a 4x8 packed microkernel) and AVX-512 FMA (direct zmm tiles with masked column tails, or
/// an MR x 32 packed tile).
void gemm_portable_run(GemmPath path, const GemmArgs& g);
void gemm_simd128_run(GemmPath path, const GemmArgs& g);
void gemm_avx512_run(GemmPath path, const GemmArgs& g);

/// Each behind gemm.h's signature: the path of its size rule, and each path forced.
inline constexpr GemmSignature& gemm_portable = gemm_on<gemm_portable_run, GemmPath::by_size>;
inline constexpr GemmSignature& gemm_portable_small = gemm_on<gemm_portable_run, GemmPath::direct>;
inline constexpr GemmSignature& gemm_portable_packed = gemm_on<gemm_portable_run, GemmPath::packed>;
#if defined(__wasm_simd128__)
inline constexpr GemmSignature& gemm_simd128 = gemm_on<gemm_simd128_run, GemmPath::by_size>;
inline constexpr GemmSignature& gemm_simd128_small = gemm_on<gemm_simd128_run, GemmPath::direct>;
inline constexpr GemmSignature& gemm_simd128_packed = gemm_on<gemm_simd128_run, GemmPath::packed>;
#endif
#if defined(__AVX512F__)
inline constexpr GemmSignature& gemm_avx512 = gemm_on<gemm_avx512_run, GemmPath::by_size>;
inline constexpr GemmSignature& gemm_avx512_small = gemm_on<gemm_avx512_run, GemmPath::direct>;
inline constexpr GemmSignature& gemm_avx512_packed = gemm_on<gemm_avx512_run, GemmPath::packed>;
#endif

}  // namespace nabla::detail
