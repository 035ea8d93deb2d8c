// The engine's thread pool: the thread-count API, parallel_for's cover of its range, and results identical
// bit for bit for 1, 2 and 3 threads (3 on this 2-core machine: more threads than cores must not matter).
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstring>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <random>
#include <stdexcept>
#include <vector>

#include "../../engine/src/ops/gemm_kernels.h"
#include "expect_error.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

using testing::expect_error;

// Restores the thread count a test changed.
struct ThreadCount {
  int saved = get_num_threads();
  ~ThreadCount() { set_num_threads(saved); }
};

TEST(Threads, DefaultIsTheHardwareAndBadCountsAreRejected) {
  ThreadCount keep;
  EXPECT_GE(get_num_threads(), 1);
  expect_error<ValueError>([] { set_num_threads(0); }, "set_num_threads");
  expect_error<ValueError>([] { set_num_threads(-3); }, "got -3");
  set_num_threads(3);
  EXPECT_EQ(get_num_threads(), 3);
  set_num_threads(1);
  EXPECT_EQ(get_num_threads(), 1);
}

TEST(Threads, ParallelForCoversItsRangeOnceAndRethrows) {
  ThreadCount keep;
  for (int threads : {1, 2, 3}) {
    set_num_threads(threads);
    std::vector<std::atomic<int>> hits(1001);
    parallel_for(7, 1001, 10, [&](int64_t lo, int64_t hi) {
      EXPECT_TRUE(hi - lo >= 10 || hi == 1001);
      for (int64_t i = lo; i < hi; ++i) hits[i]++;
    });
    for (int64_t i = 0; i < 1001; ++i) ASSERT_EQ(hits[i].load(), i >= 7 ? 1 : 0) << i;
    EXPECT_THROW(parallel_for(0, 100, 1, [](int64_t, int64_t hi) {
                   if (hi == 100) throw std::runtime_error("chunk failed");
                 }),
                 std::runtime_error);
    int count = 0;  // the pool still works after a throw
    parallel_for(0, 4, 1, [&](int64_t lo, int64_t hi) {
      static std::mutex m;
      std::lock_guard lock(m);
      count += int(hi - lo);
    });
    EXPECT_EQ(count, 4);
  }
}

TEST(Threads, WorkersRunChunksBesideTheCaller) {
  ThreadCount keep;
  set_num_threads(3);
  // Each chunk waits until three distinct threads are inside one: only a pool of real threads gets there.
  std::mutex m;
  std::condition_variable cv;
  std::set<std::thread::id> inside;
  parallel_for(0, 3, 1, [&](int64_t, int64_t) {
    std::unique_lock lock(m);
    inside.insert(std::this_thread::get_id());
    cv.notify_all();
    EXPECT_TRUE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return inside.size() == 3; }));
  });
  EXPECT_EQ(inside.size(), 3u);
}

using GemmFn = void (*)(bool, bool, int64_t, int64_t, int64_t, const float*, const float*, float*, float);

// C for one thread count, every transpose and beta combination concatenated.
std::vector<float> products(GemmFn fn, int threads, int m, int n, int k) {
  set_num_threads(threads);
  std::mt19937 rng(m * 131 + n * 7 + k);
  std::uniform_real_distribution<float> u(-1, 1);
  std::vector<float> a(size_t(m) * k), b(size_t(k) * n), c0(size_t(m) * n), out;
  for (auto* v : {&a, &b, &c0})
    for (float& x : *v) x = u(rng);
  for (int flags = 0; flags < 8; ++flags) {
    std::vector<float> c = c0;
    fn(flags & 1, flags & 2, m, n, k, a.data(), b.data(), c.data(), (flags & 4) ? 1.0f : 0.0f);
    out.insert(out.end(), c.begin(), c.end());
  }
  return out;
}

TEST(Threads, GemmIsBitIdenticalForOneTwoAndThreeThreads) {
  ThreadCount keep;
  std::vector<std::pair<const char*, GemmFn>> fns = {{"gemm", &gemm},
                                                     {"portable_small", &detail::gemm_portable_small},
                                                     {"portable_packed", &detail::gemm_portable_packed}};
#if defined(__AVX512F__)
  fns.push_back({"avx512_small", &detail::gemm_avx512_small});
  fns.push_back({"avx512_packed", &detail::gemm_avx512_packed});
#endif
  // Past the split threshold, with edges in every dimension, depth past the packed driver's KC, and the
  // MNIST MLP's first layer (forward and both backward products).
  for (auto [m, n, k] : {std::array{64, 256, 784}, {256, 784, 64}, {64, 784, 256}, {97, 301, 413}, {301, 45, 900}})
    for (auto [name, fn] : fns) {
      const std::vector<float> one = products(fn, 1, m, n, k);
      for (int threads : {2, 3}) {
        const int64_t before = detail::chunks_dispatched();
        const std::vector<float> many = products(fn, threads, m, n, k);
        EXPECT_GT(detail::chunks_dispatched(), before) << name << ": the product was not split";
        ASSERT_EQ(one.size(), many.size());
        EXPECT_EQ(std::memcmp(one.data(), many.data(), one.size() * sizeof(float)), 0)
            << name << " " << m << "x" << n << "x" << k << " with " << threads << " threads";
      }
    }
}

}  // namespace
}  // namespace nabla
