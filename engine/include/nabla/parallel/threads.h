// The engine's one thread pool: GEMM, conv2d, pooling, large elementwise ops, column sums, the optimizers'
// updates and the data loader's row gather split their output among its threads. Every split is of the
// output (rows, columns, planes, index ranges), never of a sum, so each output element is computed by the
// same operations in the same order whatever the thread count: results are identical bit for bit for 1, 2
// or N threads. Work too small to pay for waking a thread (the ops of a tiny MLP) stays on the calling
// thread, without touching the pool.
#pragma once
#include <cstdint>
#include <type_traits>
#include <utility>

namespace nabla {

/// Threads the engine uses (the calling thread included), >= 1. Throws ValueError for n < 1, or for n > 1 in
/// a build without threads (the single-threaded WebAssembly build). Default: the hardware's core count.
/// Call it between ops, not from inside one.
void set_num_threads(int n);
int get_num_threads();
/// The most threads this build can run: 1 without thread support, else a practical cap (256).
int max_num_threads();

/// Elements a plain elementwise loop (a few flops per element) gives each thread at least: below it,
/// waking a worker costs more than it saves. NOTE: measured with the MNIST MLP step on this repo's 2-core
/// machines: 16K floats are 3-10 us of work, against under 1 us to hand a chunk to a spinning worker.
inline constexpr int64_t kElementGrain = int64_t{1} << 14;

/// A non-owning reference to a callable body(lo, hi): no allocation (std::function allocates for lambdas
/// that capture more than two references).
class RangeFn {
 public:
  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, RangeFn>>>
  explicit RangeFn(F& f)
      : obj_(static_cast<const void*>(&f)),
        call_([](const void* o, int64_t lo, int64_t hi) { (*static_cast<F*>(const_cast<void*>(o)))(lo, hi); }) {}
  void operator()(int64_t lo, int64_t hi) const { call_(obj_, lo, hi); }

 private:
  const void* obj_;
  void (*call_)(const void*, int64_t, int64_t);
};

namespace detail {
/// parallel_for's pool path (a range longer than its grain, more than one thread).
void parallel_for_pool(int64_t begin, int64_t end, int64_t grain, RangeFn body);
/// Chunks that parallel_for has handed to the pool since start (not counting inline calls): lets tests see
/// that work was split.
int64_t chunks_dispatched();
}  // namespace detail

/// Calls body(lo, hi) over consecutive sub-ranges that cover [begin, end), each at least `grain` long (but
/// the last), on up to get_num_threads() threads at once; returns when all are done and rethrows the first
/// exception a body threw. A range of at most `grain`, one thread, or a call from inside a body runs inline.
template <typename Body>
void parallel_for(int64_t begin, int64_t end, int64_t grain, Body&& body) {
  if (end <= begin) return;
  if (end - begin <= grain || get_num_threads() == 1) {
    body(begin, end);
    return;
  }
  detail::parallel_for_pool(begin, end, grain, RangeFn(body));
}

/// parallel_for over the n elements of a flat loop: body(lo, hi) on chunks of at least `grain` elements
/// whose boundaries are multiples of 64, so that a vectorised kernel meets the same vectors and the same
/// tail as on one thread.
template <typename Body>
void parallel_elements(int64_t n, Body&& body, int64_t grain = kElementGrain) {
  constexpr int64_t kBlock = 64;
  if (n <= grain) {
    if (n > 0) body(int64_t{0}, n);
    return;
  }
  parallel_for(0, (n + kBlock - 1) / kBlock, grain / kBlock,
               [&](int64_t b0, int64_t b1) { body(b0 * kBlock, b1 * kBlock < n ? b1 * kBlock : n); });
}

}  // namespace nabla
