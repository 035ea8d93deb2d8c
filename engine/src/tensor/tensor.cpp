// Tensor handle: storage, element access and the autograd-facing members.
#include "nabla/tensor/tensor.h"

#include <cstdlib>
#include <cstring>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__has_feature)
#if __has_feature(address_sanitizer) && !defined(__SANITIZE_ADDRESS__)
#define __SANITIZE_ADDRESS__ 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define NABLA_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), size_t(n))
#define NABLA_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), size_t(n))
#else
#define NABLA_POISON(p, n) ((void)0)
#define NABLA_UNPOISON(p, n) ((void)0)
#endif

#include "nabla/autograd/backward.h"
#include "nabla/autograd/node.h"
#include "nabla/error.h"
#include "nabla/ops/arith.h"

namespace nabla {

namespace {
// Past this many elements an allocation is refused with a clear error rather than left to abort the
// process (or, in WebAssembly, the module): 2^31 floats is 8 GiB, beyond any machine we target.
constexpr int64_t kMaxElements = int64_t(1) << 31;

#if defined(__GLIBC__)
// glibc serves blocks above 128 KiB with fresh mmap pages and returns them on free, so every training
// step page-faults its activations in again (measured: ~40% of a convnet step). Keeping such blocks in
// the heap lets a step reuse the previous step's memory.
const bool heap_tuned = [] {
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  return true;
}();
#endif

// Small blocks are recycled through a per-thread stack of freed blocks per power-of-two size class: a training step
// allocates the same shapes every time, and reusing last step's blocks skips malloc/free (measured on the
// 2-16-16-2 MLP step; Emscripten's dlmalloc is slower than glibc's tcache, so WASM gains most).
class BlockCache {
 public:
  static constexpr int kClasses = 13;                 // 16 B .. 64 KiB
  static constexpr int64_t kMaxBytes = int64_t(16) << (kClasses - 1);
  static constexpr int kMaxPerClass = 64;

  // Size class of an n-float block, or -1 for blocks too large to cache.
  static int size_class(int64_t n) {
    const int64_t bytes = n * int64_t(sizeof(float));
    if (bytes > kMaxBytes) return -1;
    int c = 0;
    while ((int64_t(16) << c) < bytes) ++c;
    return c;
  }
  static int64_t class_bytes(int c) { return int64_t(16) << c; }

  float* take(int c) {
    if (counts_[c] == 0) return nullptr;
    float* p = blocks_[c][--counts_[c]];
    NABLA_UNPOISON(p, class_bytes(c));
    return p;
  }
  // False when the class is full: the caller frees the block itself.
  bool give(int c, float* p) {
    if (counts_[c] >= kMaxPerClass) return false;
    blocks_[c][counts_[c]++] = p;
    NABLA_POISON(p, class_bytes(c));  // AddressSanitizer still reports a use after the tensor is gone
    return true;
  }
  void release();
  ~BlockCache();

 private:
  float* blocks_[kClasses][kMaxPerClass] = {};
  int counts_[kClasses] = {};
};

// Tensors destroyed after this thread's cache (e.g. held by static objects) free their blocks directly.
thread_local bool cache_gone = false;
thread_local BlockCache block_cache;

// WebAssembly SIMD loads need no alignment, and Emscripten's malloc aligns to 8 only, so 16 would go
// through memalign, which over-allocates and splits every block. Elsewhere 16 bytes, as SSE-era kernels expect.
float* allocate_floats(size_t bytes) {
#if defined(__EMSCRIPTEN__)
  return static_cast<float*>(std::malloc(bytes));
#else
  return static_cast<float*>(std::aligned_alloc(16, bytes));
#endif
}

BlockCache::~BlockCache() {
  cache_gone = true;
  release();
}

void BlockCache::release() {
  for (int c = 0; c < kClasses; ++c)
    while (float* p = take(c)) std::free(p);
}
}  // namespace

void release_cached_blocks() {
  if (!cache_gone) block_cache.release();
}

Storage::Storage(int64_t n) : data(nullptr), size(n) {
  if (n > 0) {
    const int c = BlockCache::size_class(n);
    if (c >= 0) {
      if (!cache_gone) data = block_cache.take(c);
      if (!data) data = allocate_floats(size_t(BlockCache::class_bytes(c)));
      // Past the 16-byte-rounded size the block is out of bounds, as an exact allocation's would be.
      [[maybe_unused]] const int64_t used = (n * int64_t(sizeof(float)) + 15) / 16 * 16;
      if (data) NABLA_POISON(reinterpret_cast<char*>(data) + used, BlockCache::class_bytes(c) - used);
    } else {
      // Rounded up to whole 16-byte vectors. NOTE: in wasm32 size_t is 32 bits, so a byte count past
      // SIZE_MAX must fail here rather than wrap around to a small allocation.
      const bool fits = static_cast<uint64_t>(n) <= (SIZE_MAX - 15) / sizeof(float);
      data = fits ? allocate_floats(((n * sizeof(float) + 15) / 16) * 16) : nullptr;
    }
    if (!data)
      throw Error("out of memory: cannot allocate a tensor of " + std::to_string(n) + " floats (" +
                  std::to_string(n * 4 / (1024 * 1024)) + " MiB)");
  }
}

Storage::~Storage() {
  if (!data) return;
  const int c = BlockCache::size_class(size);
  if (c >= 0) NABLA_UNPOISON(data, BlockCache::class_bytes(c));
  if (c >= 0 && !cache_gone && block_cache.give(c, data)) return;
  std::free(data);
}

TensorImpl::~TensorImpl() {
  // The node keeps the elements for graph exports only once this tensor is gone: handed over here, not
  // copied at record time (a copy is two atomic refcount updates a node in a threaded process). A backward
  // without retain_graph has released the node and wants nothing kept.
  if (grad_fn && !grad_fn->released) grad_fn->value = std::move(storage);
  release_node(std::move(grad_fn));
}

Tensor Tensor::empty(const Shape& shape) {
  bool has_zero = false;
  for (int64_t d : shape) {
    if (d < 0) throw ValueError("tensor: negative dimension in shape " + shape.str());
    has_zero = has_zero || d == 0;
  }
  // A zero anywhere makes an empty tensor however large the other dimensions; otherwise the product is
  // checked before each multiplication, so it can neither overflow nor pass the limit unseen.
  int64_t n = has_zero ? 0 : 1;
  for (int64_t d : shape) {
    if (has_zero) break;
    if (d > kMaxElements / n)
      throw ValueError("tensor: shape " + shape.str() + " has more than 2^31 elements");
    n *= d;
  }
  auto impl = std::make_shared<TensorImpl>();
  impl->shape = shape;
  impl->storage = std::make_shared<Storage>(n);
  impl->data = impl->storage->data;
  return Tensor(std::move(impl));
}

Tensor Tensor::from_data(const float* values, const Shape& shape) {
  Tensor t = empty(shape);
  if (t.numel() > 0) std::memcpy(t.data(), values, t.numel() * sizeof(float));
  return t;
}

Tensor Tensor::from_vector(const std::vector<float>& values, const Shape& shape) {
  if (static_cast<int64_t>(values.size()) != shape.numel())
    throw ShapeError("tensor: " + std::to_string(values.size()) + " values do not fill shape " +
                     shape.str() + " (" + std::to_string(shape.numel()) + " elements)");
  return from_data(values.data(), shape);
}

void Tensor::throw_undefined() { throw ValueError("tensor: use of an undefined tensor"); }

int64_t Tensor::size(int64_t axis) const { return shape()[normalize_axis(axis, rank(), "size")]; }

std::vector<float> Tensor::to_vector() const { return {data(), data() + numel()}; }

float Tensor::item() const {
  if (numel() != 1)
    throw ValueError("item: tensor of shape " + shape().str() + " has " + std::to_string(numel()) +
                     " elements, not 1");
  return data()[0];
}

Tensor& Tensor::requires_grad_(bool on) {
  if (!is_leaf())
    throw AutogradError(std::string("requires_grad_: only leaves can be marked; this tensor was computed by '") +
                        impl().grad_fn->op + "' (use detach() first)");
  impl().requires_grad = on;
  return *this;
}

Tensor Tensor::grad() const { return Tensor(impl().grad); }

void Tensor::set_grad(const Tensor& g) {
  if (g.defined() && g.shape() != shape())
    throw ShapeError("set_grad: gradient of shape " + g.shape().str() + " for a tensor of shape " +
                     shape().str());
  impl().grad = g.impl_ptr();
}

void Tensor::backward(const Tensor& grad) const { nabla::backward(*this, grad); }

void Tensor::backward(const Tensor& grad, const BackwardOptions& options) const {
  nabla::backward(*this, grad, options);
}

Tensor Tensor::detach() const {
  auto impl = std::make_shared<TensorImpl>();
  impl->shape = shape();
  impl->storage = impl_->storage;
  impl->data = impl_->data;
  impl->name = impl_->name;
  return Tensor(std::move(impl));
}

Tensor Tensor::clone() const { return from_data(data(), shape()).set_name(name()); }

Tensor& Tensor::set_name(std::string name) {
  impl().name = std::move(name);
  return *this;
}

Tensor& operator+=(Tensor& a, const Tensor& b) {
  if (a.defined())
    a = add(a, b);
  else
    a = b;
  return a;
}

Tensor& operator+=(Tensor& a, Tensor&& b) {
  if (a.defined())
    a = add(a, b);
  else
    a = std::move(b);
  return a;
}

}  // namespace nabla
