// The thread pool behind parallel_for: persistent std::threads (Emscripten pthreads in the threaded
// WebAssembly build) that take chunk indices from an atomic counter; the calling thread takes chunks too.
// Idle workers spin for a short while before they sleep on a condition variable: a training step issues its
// products microseconds apart, and a futex wake-up costs more than a small product.
#include "nabla/parallel/threads.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "nabla/error.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
#define NABLA_NO_THREADS 1
#endif

namespace nabla {
namespace {

std::atomic<int64_t> dispatched_chunks{0};

#ifndef NABLA_NO_THREADS
constexpr int kMaxThreads = 256;
// How long an idle worker, and the caller waiting for workers, spin before they sleep or yield.
constexpr auto kSpin = std::chrono::microseconds(100);

void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#endif
}

thread_local bool in_parallel_region = false;

class Pool {
 public:
  explicit Pool(int threads) {
    workers_.reserve(static_cast<size_t>(threads - 1));
    for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { worker_loop(); });
  }
  ~Pool() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
      generation_.fetch_add(1);
    }
    cv_.notify_all();
    for (std::thread& t : workers_) t.join();
  }
  int size() const { return static_cast<int>(workers_.size()) + 1; }

  /// Runs chunk(i) for i in [0, chunks) on the workers and the calling thread.
  void run(int64_t chunks, const std::function<void(int64_t)>& chunk) {
    {
      std::lock_guard lock(mutex_);
      job_ = &chunk;
      chunks_ = chunks;
      next_.store(0);
      done_.store(0);
      error_ = nullptr;
      generation_.fetch_add(1, std::memory_order_release);
      if (sleeping_ > 0) cv_.notify_all();
    }
    in_parallel_region = true;
    work(chunk, chunks);
    in_parallel_region = false;
    wait_until([&] { return done_.load(std::memory_order_acquire) >= chunks; });
    {
      // No worker joins once job_ is null; wait for those that did to stop touching the counters.
      std::lock_guard lock(mutex_);
      job_ = nullptr;
    }
    wait_until([&] { return active_.load(std::memory_order_acquire) == 0; });
    if (error_) std::rethrow_exception(error_);
  }

 private:
  template <typename Done>
  static void wait_until(Done done) {
    const auto until = std::chrono::steady_clock::now() + kSpin;
    for (int i = 0; !done(); ++i) {
      cpu_relax();
      if (i % 64 == 63 && std::chrono::steady_clock::now() > until) std::this_thread::yield();
    }
  }

  void work(const std::function<void(int64_t)>& chunk, int64_t chunks) {
    for (int64_t i; (i = next_.fetch_add(1, std::memory_order_relaxed)) < chunks;) {
      try {
        chunk(i);
      } catch (...) {
        std::lock_guard lock(error_mutex_);
        if (!error_) error_ = std::current_exception();
      }
      done_.fetch_add(1, std::memory_order_release);
    }
  }

  void worker_loop() {
    in_parallel_region = true;
    uint64_t seen = 0;
    for (;;) {
      const auto until = std::chrono::steady_clock::now() + kSpin;
      for (int i = 0; generation_.load(std::memory_order_acquire) == seen; ++i) {
        cpu_relax();
        if (i % 64 == 63 && std::chrono::steady_clock::now() > until) break;
      }
      const std::function<void(int64_t)>* job;
      int64_t chunks;
      {
        std::unique_lock lock(mutex_);
        ++sleeping_;
        cv_.wait(lock, [&] { return generation_.load() != seen; });
        --sleeping_;
        seen = generation_.load();
        if (stop_) return;
        if (!job_) continue;
        job = job_;
        chunks = chunks_;
        active_.fetch_add(1, std::memory_order_relaxed);
      }
      work(*job, chunks);
      active_.fetch_sub(1, std::memory_order_release);
    }
  }

  std::mutex mutex_;
  std::condition_variable cv_;
  std::atomic<uint64_t> generation_{0};
  const std::function<void(int64_t)>* job_ = nullptr;  // guarded by mutex_
  int64_t chunks_ = 0;                                  // guarded by mutex_
  int sleeping_ = 0;                                    // guarded by mutex_
  bool stop_ = false;                                   // guarded by mutex_
  std::atomic<int64_t> next_{0}, done_{0};
  std::atomic<int> active_{0};
  std::mutex error_mutex_;
  std::exception_ptr error_;
  std::vector<std::thread> workers_;
};

int default_threads() {
  const unsigned hw = std::thread::hardware_concurrency();
  return std::clamp(static_cast<int>(hw), 1, kMaxThreads);
}

// The pool and the thread count. One caller at a time drives the pool; a second caller that finds it busy
// (two engine users on two threads) runs its work inline, which gives the same bits.
std::mutex pool_mutex;
std::unique_ptr<Pool> pool;                // guarded by pool_mutex
std::atomic<int> num_threads{0};           // 0: not chosen yet, default_threads() on first use
#endif

}  // namespace

int64_t detail::chunks_dispatched() { return dispatched_chunks.load(); }

int max_num_threads() {
#ifdef NABLA_NO_THREADS
  return 1;
#else
  return kMaxThreads;
#endif
}

void set_num_threads(int n) {
  if (n < 1 || n > max_num_threads())
    throw ValueError("set_num_threads: expected a whole number of threads from 1 to " +
                     std::to_string(max_num_threads()) + (max_num_threads() == 1 ? " (this build has no threads)" : "") +
                     ", got " + std::to_string(n));
#ifndef NABLA_NO_THREADS
  if (in_parallel_region) throw ValueError("set_num_threads: called from inside a parallel region");
  std::lock_guard lock(pool_mutex);
  if (pool && pool->size() != n) pool.reset();
  num_threads.store(n);
#endif
}

int get_num_threads() {
#ifdef NABLA_NO_THREADS
  return 1;
#else
  int n = num_threads.load();
  if (n == 0) {
    int expected = 0;
    num_threads.compare_exchange_strong(expected, default_threads());
    n = num_threads.load();
  }
  return n;
#endif
}

void parallel_for(int64_t begin, int64_t end, int64_t grain, const std::function<void(int64_t, int64_t)>& body) {
  if (end <= begin) return;
#ifndef NABLA_NO_THREADS
  const int64_t range = end - begin;
  grain = std::max<int64_t>(grain, 1);
  if (!in_parallel_region && range > grain) {
    std::unique_lock lock(pool_mutex, std::try_to_lock);
    if (lock.owns_lock()) {
      const int threads = get_num_threads();
      const int64_t chunks = std::min<int64_t>(threads, range / grain);
      if (chunks > 1) {
        if (!pool) pool = std::make_unique<Pool>(threads);
        dispatched_chunks.fetch_add(chunks, std::memory_order_relaxed);
        // Even chunks: chunk i is [begin + range * i / chunks, begin + range * (i + 1) / chunks).
        pool->run(chunks, [&](int64_t i) { body(begin + range * i / chunks, begin + range * (i + 1) / chunks); });
        return;
      }
    }
  }
#endif
  body(begin, end);
}

}  // namespace nabla
