// The recorded graph: one Node per op that had an input requiring grad. A node holds edges to the nodes
// (or leaves) that produced its inputs, and a closure that maps the gradient of its output to its inputs'.
#pragma once
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <type_traits>
#include <vector>

#include "nabla/tensor/tensor.h"

namespace nabla {

/// Where an input's gradient goes: into the node that produced it, or into a leaf's .grad.
struct Edge {
  std::shared_ptr<Node> node;
  std::shared_ptr<TensorImpl> leaf;      // set only for leaves that require grad
  std::weak_ptr<TensorImpl> input;       // a constant input (no node, no leaf), kept weakly for graph exports
  std::shared_ptr<Storage> constant;     // a constant input's elements, so exports can show its value
  Shape shape;
  bool needs_grad() const { return node || leaf; }
};

/// The input gradients a backward closure fills, one slot per input, accumulated with +=.
class Grads {
 public:
  explicit Grads(const std::vector<Edge>& edges);
  Grads(const Grads&) = delete;
  Grads& operator=(const Grads&) = delete;
  Tensor& operator[](int i) { return slots_[i]; }
  /// False for inputs that need no gradient: closures skip their (possibly costly) work.
  bool needs(int i) const { return size_ > kInline ? needs_heap_[i] : needs_inline_[i]; }
  int size() const { return size_; }

 private:
  // Most ops have at most 3 inputs: their slots live inline, sparing two heap blocks per node per backward.
  static constexpr int kInline = 3;
  int size_;
  Tensor inline_[kInline];
  bool needs_inline_[kInline] = {};
  std::vector<Tensor> heap_;  // used only past kInline inputs (cat, stack)
  std::vector<bool> needs_heap_;
  Tensor* slots_;
};

using BackwardFn = std::function<void(const Tensor& dy, Grads& g)>;

struct Node {
  const char* op;                  // the op's name, as users call it: "tanh", "matmul", ...
  std::vector<Edge> edges;
  BackwardFn backward;
  std::weak_ptr<TensorImpl> output;  // weak: the output owns this node, never the other way round
  std::shared_ptr<Storage> value;    // the output's elements once the output is gone (for graph exports)
  Shape shape;
  Tensor grad;                     // gradient of the output, accumulated during a backward walk
  bool released = false;           // closure freed after a backward without retain_graph
  uint64_t id;
  uint64_t visit = 0;              // the last backward walk that ordered this node (instead of a hash set)

  Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  /// Frees the graph behind this node iteratively: a 100,000-op chain must not recurse 100,000 deep.
  ~Node();
};

/// Drops a reference to a node; the last one frees it (and what it alone holds) without recursion.
void release_node(std::shared_ptr<Node> node);

/// One input of record(): a reference to the caller's tensor, so that listing an op's inputs copies no
/// handle. NOTE: every handle copy is an atomic refcount update once a process has a second thread (the
/// pool natively, always in the threaded WebAssembly build), and a tiny MLP step made ~400 of them.
class InputRef {
 public:
  InputRef(const Tensor& t) : t_(&t) {}  // implicit: record(op, y, {a, b}, ...) lists tensors
  const Tensor& get() const { return *t_; }

 private:
  const Tensor* t_;
};

namespace detail {
/// Whether record() attaches a node: grad mode on and an input requiring grad (after anomaly mode's check).
bool records(const char* op, const Tensor& result, std::initializer_list<InputRef> inputs);
/// Attaches the node (records() said yes).
Tensor attach(const char* op, Tensor result, std::initializer_list<InputRef> inputs, BackwardFn backward);
}  // namespace detail

/// Attaches a node for `op` to `result` when grad mode is on and any input requires grad; returns `result`.
Tensor record(const char* op, Tensor result, std::initializer_list<InputRef> inputs, BackwardFn backward);
Tensor record(const char* op, Tensor result, const std::vector<Tensor>& inputs, BackwardFn backward);
/// The same for a closure that is not yet a BackwardFn: it becomes one (a heap block for most closures)
/// only when the op is recorded, not in a plain backward or under no_grad.
template <typename F>
  requires(!std::is_same_v<std::decay_t<F>, BackwardFn>)
Tensor record(const char* op, Tensor result, std::initializer_list<InputRef> inputs, F&& backward) {
  if (!detail::records(op, result, inputs)) return result;
  return detail::attach(op, std::move(result), inputs, BackwardFn(std::forward<F>(backward)));
}

}  // namespace nabla
