// The thread pool behind parallel_for: persistent std::threads (Emscripten pthreads in the threaded
// WebAssembly build) that claim chunks of a job from one atomic word; the calling thread claims chunks too.
// The word holds the job's generation with its chunk count and next chunk, so a claim is one compare-and-swap
// that fails for a worker that woke late, after its job was done. The caller therefore waits only for chunks
// that a worker really took, never for a worker to wake up: a worker the OS does not schedule in time (a
// loaded machine) costs nothing, the caller runs its chunks. Idle workers spin for a short while before
// they sleep on a condition variable: a training step issues its ops microseconds apart, and a futex
// wake-up costs more than a small op.
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

// One parallel_for: chunk i covers [begin + range * i / chunks, begin + range * (i + 1) / chunks).
struct Job {
  int64_t begin, range, chunks;
  RangeFn body;
};

// The pool's state word: generation (32 bits) | chunk count (16) | next unclaimed chunk (16).
constexpr uint64_t gen_of(uint64_t w) { return w >> 32; }
constexpr uint64_t count_of(uint64_t w) { return (w >> 16) & 0xffff; }
constexpr uint64_t next_of(uint64_t w) { return w & 0xffff; }
constexpr int64_t kMaxChunks = 0xffff;

class Pool {
 public:
  explicit Pool(int threads) {
    workers_.reserve(static_cast<size_t>(threads - 1));
    for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { worker_loop(); });
  }
  ~Pool() {
    {
      std::lock_guard lock(mutex_);
      stop_.store(true);
      state_.fetch_add(uint64_t{1} << 32);  // a new generation with no chunks: wakes every worker
    }
    cv_.notify_all();
    for (std::thread& t : workers_) t.join();
  }
  int size() const { return static_cast<int>(workers_.size()) + 1; }

  /// Runs every chunk of the job on the workers and the calling thread; rethrows the first exception.
  void run(const Job& job) {
    const uint64_t gen = gen_of(state_.load(std::memory_order_relaxed)) + 1;
    // Nobody touches the job slot, the counter or the error now: every chunk of the last job is done.
    job_.store(&job, std::memory_order_relaxed);
    done_.store(0, std::memory_order_relaxed);
    error_ = nullptr;
    // Publish (seq_cst, paired with the sleepers' count: either the caller sees a sleeper and wakes it, or
    // the sleeper sees the new generation before it waits).
    state_.store(gen << 32 | uint64_t(job.chunks) << 16);
    if (sleeping_.load() > 0) {
      std::lock_guard lock(mutex_);
      cv_.notify_all();
    }
    in_parallel_region = true;
    claim_and_run(gen);
    in_parallel_region = false;
    // Every chunk is claimed now; wait for those that workers run.
    const auto until = std::chrono::steady_clock::now() + kSpin;
    for (int i = 0; done_.load(std::memory_order_acquire) < job.chunks; ++i) {
      cpu_relax();
      if (i % 64 == 63 && std::chrono::steady_clock::now() > until) std::this_thread::yield();
    }
    if (error_) std::rethrow_exception(error_);
  }

 private:
  // Claims chunks of generation `gen` until none is left (or a later generation has started: then this
  // thread woke too late and must not touch anything of the job).
  void claim_and_run(uint64_t gen) {
    uint64_t w = state_.load(std::memory_order_acquire);
    for (;;) {
      if (gen_of(w) != gen || next_of(w) >= count_of(w)) return;
      // Read before the claim: a successful claim proves the job was still this generation's.
      const Job* job = job_.load(std::memory_order_relaxed);
      if (!state_.compare_exchange_weak(w, w + 1, std::memory_order_acq_rel, std::memory_order_acquire)) continue;
      const int64_t i = static_cast<int64_t>(next_of(w));
      try {
        job->body(job->begin + job->range * i / job->chunks, job->begin + job->range * (i + 1) / job->chunks);
      } catch (...) {
        std::lock_guard lock(error_mutex_);
        if (!error_) error_ = std::current_exception();
      }
      done_.fetch_add(1, std::memory_order_release);
      w = state_.load(std::memory_order_acquire);
    }
  }

  void worker_loop() {
    in_parallel_region = true;
    uint64_t seen = 0;  // the generation the pool started with
    for (;;) {
      const auto until = std::chrono::steady_clock::now() + kSpin;
      for (int i = 0; gen_of(state_.load(std::memory_order_acquire)) == seen; ++i) {
        cpu_relax();
        if (i % 64 == 63 && std::chrono::steady_clock::now() > until) break;
      }
      if (gen_of(state_.load(std::memory_order_acquire)) == seen) {
        std::unique_lock lock(mutex_);
        sleeping_.fetch_add(1);
        cv_.wait(lock, [&] { return gen_of(state_.load()) != seen; });
        sleeping_.fetch_sub(1);
      }
      if (stop_.load()) return;
      seen = gen_of(state_.load(std::memory_order_acquire));
      claim_and_run(seen);
    }
  }

  std::atomic<uint64_t> state_{0};
  std::atomic<const Job*> job_{nullptr};
  std::atomic<int64_t> done_{0};
  std::atomic<int> sleeping_{0};
  std::atomic<bool> stop_{false};
  std::mutex mutex_;  // with cv_: only for workers that sleep
  std::condition_variable cv_;
  std::mutex error_mutex_;
  std::exception_ptr error_;  // written under error_mutex_ while a job runs, read by the caller after it
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
  int n = num_threads.load(std::memory_order_relaxed);
  if (n == 0) {
    int expected = 0;
    num_threads.compare_exchange_strong(expected, default_threads());
    n = num_threads.load();
  }
  return n;
#endif
}

void detail::parallel_for_pool(int64_t begin, int64_t end, int64_t grain, RangeFn body) {
#ifndef NABLA_NO_THREADS
  const int64_t range = end - begin;
  grain = std::max<int64_t>(grain, 1);
  if (!in_parallel_region && range > grain) {
    std::unique_lock lock(pool_mutex, std::try_to_lock);
    if (lock.owns_lock()) {
      const int threads = get_num_threads();
      const int64_t chunks = std::min<int64_t>({threads, range / grain, kMaxChunks});
      if (chunks > 1) {
        if (!pool) pool = std::make_unique<Pool>(threads);
        dispatched_chunks.fetch_add(chunks, std::memory_order_relaxed);
        pool->run(Job{begin, range, chunks, body});
        return;
      }
    }
  }
#endif
  body(begin, end);
}

}  // namespace nabla
