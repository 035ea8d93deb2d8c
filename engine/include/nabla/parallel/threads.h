// The engine's one thread pool: GEMM, conv2d, pooling and large elementwise ops split their output among
// its threads. Every split is of the output (rows, columns, planes, index ranges), never of a sum, so each
// output element is computed by the same operations in the same order whatever the thread count: results
// are identical bit for bit for 1, 2 or N threads. Work too small to pay for waking a thread (the products
// of a tiny MLP) stays on the calling thread.
#pragma once
#include <cstdint>
#include <functional>

namespace nabla {

/// Threads the engine uses (the calling thread included), >= 1. Throws ValueError for n < 1, or for n > 1 in
/// a build without threads (the single-threaded WebAssembly build). Default: the hardware's core count.
/// Call it between ops, not from inside one.
void set_num_threads(int n);
int get_num_threads();
/// The most threads this build can run: 1 without thread support, else a practical cap (256).
int max_num_threads();

/// Calls body(lo, hi) over consecutive sub-ranges that cover [begin, end), each at least `grain` long (but
/// the last), on up to get_num_threads() threads at once; returns when all are done and rethrows the first
/// exception a body threw. With one chunk, or when called from inside a body, it runs inline.
void parallel_for(int64_t begin, int64_t end, int64_t grain, const std::function<void(int64_t, int64_t)>& body);

namespace detail {
/// Chunks that parallel_for has handed to the pool since start (not counting inline calls): lets tests see
/// that work was split.
int64_t chunks_dispatched();
}  // namespace detail

}  // namespace nabla
