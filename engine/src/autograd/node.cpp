// Recording ops into the graph.
#include "nabla/autograd/node.h"

#include <atomic>
#include <vector>

#include "nabla/autograd/anomaly.h"
#include "nabla/autograd/grad_mode.h"

namespace nabla {

Grads::Grads(const std::vector<Edge>& edges) : size_(static_cast<int>(edges.size())) {
  if (size_ > kInline) {
    heap_.resize(edges.size());
    needs_heap_.resize(edges.size());
    for (size_t i = 0; i < edges.size(); ++i) needs_heap_[i] = edges[i].needs_grad();
  } else {
    for (int i = 0; i < size_; ++i) needs_inline_[i] = edges[i].needs_grad();
  }
  slots_ = size_ > kInline ? heap_.data() : inline_;
}

namespace {
thread_local std::vector<std::shared_ptr<Node>> pending_release;
thread_local bool draining = false;
}  // namespace

void release_node(std::shared_ptr<Node> node) {
  if (!node) return;
  pending_release.push_back(std::move(node));
  if (draining) return;
  draining = true;
  while (!pending_release.empty()) {
    // Destroying `last` may release further nodes: they are queued, not destroyed recursively.
    std::shared_ptr<Node> last = std::move(pending_release.back());
    pending_release.pop_back();
  }
  draining = false;
}

Node::~Node() {
  for (Edge& e : edges) release_node(std::move(e.node));
  backward = nullptr;  // captured tensors release their own grad_fn through release_node
}

namespace {
uint64_t next_node_id() {
  static std::atomic<uint64_t> counter{0};
  return counter.fetch_add(1, std::memory_order_relaxed) + 1;
}

const Tensor& tensor_of(const Tensor& t) { return t; }
const Tensor& tensor_of(InputRef r) { return r.get(); }

template <typename Inputs>
bool records_impl(const char* op, const Tensor& result, const Inputs& inputs) {
  if (is_anomaly_mode_enabled()) {
    std::vector<Tensor> in;
    for (const auto& x : inputs) in.push_back(tensor_of(x));
    detail::check_op_result(op, result, in);
  }
  if (!is_grad_enabled()) return false;
  for (const auto& x : inputs)
    if (tensor_of(x).requires_grad()) return true;
  return false;
}

template <typename Inputs>
Tensor attach_impl(const char* op, Tensor result, const Inputs& inputs, BackwardFn backward) {
  auto node = std::make_shared<Node>();
  node->op = op;
  node->edges.reserve(inputs.size());
  for (const auto& input : inputs) {
    const Tensor& x = tensor_of(input);
    Edge e;
    TensorImpl& xi = x.impl();
    if (xi.grad_fn)
      e.node = xi.grad_fn;
    else if (xi.requires_grad)
      e.leaf = x.impl_ptr();
    if (!e.needs_grad()) {  // a node or a leaf already names every other input
      e.input = x.impl_ptr();
      e.constant = xi.storage;
    }
    e.shape = xi.shape;
    node->edges.push_back(std::move(e));
  }
  node->backward = std::move(backward);
  node->output = result.impl_ptr();
  node->shape = result.shape();
  node->id = next_node_id();
  result.impl().grad_fn = std::move(node);
  return result;
}
}  // namespace

bool detail::records(const char* op, const Tensor& result, std::initializer_list<InputRef> inputs) {
  return records_impl(op, result, inputs);
}

Tensor detail::attach(const char* op, Tensor result, std::initializer_list<InputRef> inputs, BackwardFn backward) {
  return attach_impl(op, std::move(result), inputs, std::move(backward));
}

Tensor record(const char* op, Tensor result, std::initializer_list<InputRef> inputs, BackwardFn backward) {
  if (!records_impl(op, result, inputs)) return result;
  return attach_impl(op, std::move(result), inputs, std::move(backward));
}

Tensor record(const char* op, Tensor result, const std::vector<Tensor>& inputs, BackwardFn backward) {
  if (!records_impl(op, result, inputs)) return result;
  return attach_impl(op, std::move(result), inputs, std::move(backward));
}

}  // namespace nabla
