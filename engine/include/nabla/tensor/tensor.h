// Tensor: a float32, row-major, contiguous array with an optional place in the autograd graph.
// A Tensor is a cheap handle (shared ownership); copies share data. Ops never write into their inputs,
// so sharing is safe; only optimizers update parameters in place, as PyTorch's do.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nabla/tensor/shape.h"

namespace nabla {

struct Node;
struct BackwardOptions;

/// Heap block holding a tensor's elements; shared by views made by reshape and detach.
struct Storage {
  explicit Storage(int64_t n);
  ~Storage();
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;
  float* data;
  int64_t size;
};

/// Frees the blocks this thread keeps from dead tensors for reuse by the next ones of the same size (a
/// training step allocates the same shapes every time); for exact heap accounting and memory pressure.
void release_cached_blocks();

struct TensorImpl {
  Shape shape;
  std::shared_ptr<Storage> storage;
  float* data = nullptr;         // storage->data; contiguous, shape.numel() elements
  bool requires_grad = false;    // set on leaves by the user; non-leaves are marked by grad_fn
  std::shared_ptr<Node> grad_fn; // the op that produced this tensor, if it is part of a graph
  std::shared_ptr<TensorImpl> grad;
  std::string name;              // shown in graph exports

  TensorImpl() = default;
  TensorImpl(const TensorImpl&) = delete;
  TensorImpl& operator=(const TensorImpl&) = delete;
  ~TensorImpl();                 // hands grad_fn to release_node, so freeing a deep graph never recurses
};

class Tensor {
 public:
  Tensor() = default;
  explicit Tensor(std::shared_ptr<TensorImpl> impl) : impl_(std::move(impl)) {}

  /// A tensor of this shape with uninitialised elements; throws ValueError on a negative size.
  static Tensor empty(const Shape& shape);
  /// Copies `values` into a tensor of `shape`; throws ShapeError when the counts differ.
  static Tensor from_vector(const std::vector<float>& values, const Shape& shape);
  static Tensor from_data(const float* values, const Shape& shape);

  bool defined() const { return impl_ != nullptr; }
  const Shape& shape() const { return impl().shape; }
  int rank() const { return impl().shape.rank(); }
  int64_t numel() const { return impl().shape.numel(); }
  /// Size along `axis` (negative counts from the end).
  int64_t size(int64_t axis) const;
  float* data() { return impl().data; }
  const float* data() const { return impl().data; }
  std::vector<float> to_vector() const;
  /// The single element of a one-element tensor; throws ValueError otherwise.
  float item() const;

  // ---- autograd ----
  /// True for leaves that asked for gradients and for every tensor computed from one (while grad is on).
  bool requires_grad() const { return impl().requires_grad || impl().grad_fn != nullptr; }
  /// Marks a leaf as a parameter; throws AutogradError on a non-leaf.
  Tensor& requires_grad_(bool on = true);
  bool is_leaf() const { return impl().grad_fn == nullptr; }
  const std::shared_ptr<Node>& grad_fn() const { return impl().grad_fn; }
  /// Accumulated gradient of a leaf; undefined until a backward reaches it.
  Tensor grad() const;
  void set_grad(const Tensor& g);
  /// Forgets the accumulated gradient (as PyTorch's set_to_none).
  void zero_grad() { impl().grad.reset(); }
  /// Backpropagates from this tensor; see nabla::backward.
  void backward(const Tensor& grad = Tensor()) const;
  void backward(const Tensor& grad, const BackwardOptions& options) const;
  /// The same data, cut from the graph.
  Tensor detach() const;
  /// A copy of the data, cut from the graph.
  Tensor clone() const;

  const std::string& name() const { return impl().name; }
  Tensor& set_name(std::string name);

  TensorImpl& impl() const {
    if (!impl_) [[unlikely]] throw_undefined();  // inline: every accessor goes through here
    return *impl_;
  }
  const std::shared_ptr<TensorImpl>& impl_ptr() const { return impl_; }
  bool same(const Tensor& o) const { return impl_ == o.impl_; }

 private:
  [[noreturn]] static void throw_undefined();
  std::shared_ptr<TensorImpl> impl_;
};

/// Rebinds `a` to `a + b` (or to `b` when `a` is undefined): how backward closures accumulate.
Tensor& operator+=(Tensor& a, const Tensor& b);
/// The same for a temporary (`g[0] += mm(dy, w)`): the first gradient is moved in, not copied.
Tensor& operator+=(Tensor& a, Tensor&& b);

}  // namespace nabla
