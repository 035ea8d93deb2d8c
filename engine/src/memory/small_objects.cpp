// Free lists for small C++ objects in front of Emscripten's malloc (WebAssembly only; natively glibc's
// per-thread cache does the same). A training step creates and destroys the same few dozen small objects
// every time (graph nodes, backward closures, tensor handles, shared_ptr control blocks): dlmalloc and
// its free took ~10% of a 2-16-16-2 MLP step, a free-list pop or push is a few instructions.
// In the threaded build the lists belong to the main runtime thread (the one JS calls the engine on, which
// runs every op); the pool's Workers, which allocate almost never (starting a std::thread, an exception in
// a chunk), go straight to dlmalloc, which locks. Every block carries its class, so a block may be freed on
// another thread than the one that allocated it.
#include "nabla/memory/small_objects.h"

#if defined(__EMSCRIPTEN__)
#include <cstdint>
#include <cstdlib>
#include <new>
#if defined(__EMSCRIPTEN_PTHREADS__)
#include <emscripten/threading.h>
#endif

namespace {

#if defined(__EMSCRIPTEN_PTHREADS__)
bool owns_lists() { return emscripten_is_main_runtime_thread(); }  // reads a wasm global
#else
constexpr bool owns_lists() { return true; }
#endif

constexpr size_t kGranule = 8;                      // sizes round up to 8 bytes, malloc's alignment here
constexpr size_t kClasses = 32;                     // payloads of 8 .. 256 bytes
constexpr int kMaxPerClass = 256;                   // at most ~70 KB kept per class
constexpr size_t kHeader = 8;                       // the class before each payload; 0 = straight from malloc

struct FreeBlock {
  FreeBlock* next;
};
FreeBlock* heads[kClasses + 1];
int counts[kClasses + 1];

void* allocate(size_t n) {
  const size_t c = n == 0 ? 1 : (n + kGranule - 1) / kGranule;
  if (c <= kClasses && heads[c] && owns_lists()) {
    FreeBlock* b = heads[c];
    heads[c] = b->next;
    --counts[c];
    return b;
  }
  const size_t bytes = c <= kClasses ? c * kGranule : n;
  if (bytes > SIZE_MAX - kHeader) return nullptr;
  auto* p = static_cast<char*>(std::malloc(kHeader + bytes));
  if (!p) return nullptr;
  *reinterpret_cast<uint32_t*>(p) = c <= kClasses ? uint32_t(c) : 0;
  return p + kHeader;
}

void release(void* q) {
  if (!q) return;
  char* p = static_cast<char*>(q) - kHeader;
  const uint32_t c = *reinterpret_cast<uint32_t*>(p);
  if (c != 0 && counts[c] < kMaxPerClass && owns_lists()) {
    auto* b = static_cast<FreeBlock*>(q);
    b->next = heads[c];
    heads[c] = b;
    ++counts[c];
    return;
  }
  std::free(p);
}

void* allocate_or_throw(size_t n) {
  if (void* p = allocate(n)) return p;
  throw std::bad_alloc();
}

}  // namespace

namespace nabla {
void release_small_objects() {
  if (!owns_lists()) return;
  for (size_t c = 1; c <= kClasses; ++c) {
    while (FreeBlock* b = heads[c]) {
      heads[c] = b->next;
      std::free(reinterpret_cast<char*>(b) - kHeader);
    }
    counts[c] = 0;
  }
}
}  // namespace nabla

// The replaceable global allocation functions (libc++'s are weak). The aligned forms stay libc++'s: they
// allocate and free through posix_memalign and free, a pair of their own.
void* operator new(size_t n) { return allocate_or_throw(n); }
void* operator new[](size_t n) { return allocate_or_throw(n); }
void* operator new(size_t n, const std::nothrow_t&) noexcept { return allocate(n); }
void* operator new[](size_t n, const std::nothrow_t&) noexcept { return allocate(n); }
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, size_t) noexcept { release(p); }
void operator delete[](void* p, size_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }

#else

namespace nabla {
void release_small_objects() {}
}  // namespace nabla

#endif
