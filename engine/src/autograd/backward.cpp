// The backward walk. Nodes are ordered once (iterative DFS, reversed post-order = every consumer before
// its producers), then each node's closure runs exactly once with its fully accumulated output gradient.
#include "nabla/autograd/backward.h"

#include <algorithm>
#include <atomic>
#include <unordered_map>

#include "nabla/autograd/anomaly.h"
#include "nabla/autograd/grad_mode.h"
#include "nabla/autograd/node.h"
#include "nabla/error.h"
#include "nabla/tensor/factory.h"

namespace nabla {

namespace {

// Owning pointers: releasing a node's edges during the walk must not free nodes still to be visited. The
// search itself holds plain pointers (its nodes are reachable from the root, and nothing is released while
// it runs): one owning copy per node, since each copy is an atomic update in a threaded process.
std::vector<std::shared_ptr<Node>> topological_order(const std::shared_ptr<Node>& root) {
  // Visited nodes carry this walk's number: no hash set to fill on every step. Ordering never runs a
  // closure, so walks cannot nest while marks are being set.
  static std::atomic<uint64_t> walks{0};
  const uint64_t mark = walks.fetch_add(1, std::memory_order_relaxed) + 1;
  std::vector<std::shared_ptr<Node>> post;
  root->visit = mark;
  std::vector<std::pair<const std::shared_ptr<Node>*, size_t>> stack{{&root, 0}};
  while (!stack.empty()) {
    auto& [node, next_edge] = stack.back();
    if (next_edge < (*node)->edges.size()) {
      const std::shared_ptr<Node>& child = (*node)->edges[next_edge++].node;
      if (child && child->visit != mark) {
        child->visit = mark;
        stack.push_back({&child, 0});
      }
    } else {
      post.push_back(*node);
      stack.pop_back();
    }
  }
  std::reverse(post.begin(), post.end());
  return post;
}

Tensor seed_gradient(const Tensor& root, const Tensor& grad) {
  if (grad.defined()) {
    if (grad.shape() != root.shape())
      throw ShapeError("backward: gradient of shape " + grad.shape().str() +
                       " does not match the output's shape " + root.shape().str());
    return grad;
  }
  if (root.numel() != 1)
    throw AutogradError("backward: output of shape " + root.shape().str() +
                        " is not a scalar; pass a gradient of that shape");
  return ones(root.shape());
}

// Where leaf gradients go: into .grad (backward) or into a map of requested inputs (gradients).
using LeafSink = std::unordered_map<TensorImpl*, Tensor>;

void walk(const Tensor& root, const Tensor& seed, const BackwardOptions& options, LeafSink* sink) {
  if (!root.requires_grad())
    throw AutogradError("backward: the output does not require grad (no input had requires_grad set, "
                        "or it was computed under no_grad)");
  GradModeGuard mode(options.create_graph);
  if (root.is_leaf()) {
    if (sink) {
      (*sink)[&root.impl()] += seed;
    } else {
      Tensor acc(root.impl().grad);
      acc += seed;
      root.impl().grad = acc.impl_ptr();
    }
    return;
  }
  std::vector<std::shared_ptr<Node>> order = topological_order(root.grad_fn());
  for (auto& node : order) node->grad = Tensor();
  order.front()->grad = seed;

  for (auto& node : order) {
    if (!node->grad.defined()) continue;
    if (node->released)
      throw AutogradError(std::string("backward: the graph through '") + node->op +
                          "' was already freed by an earlier backward; pass retain_graph to backward twice");
    Grads g(node->edges);
    {
      detail::AnomalyBackwardScope scope(node->op);  // names this op if its closure's ops hit NaN/Inf
      node->backward(node->grad, g);
    }
    for (int i = 0; i < g.size(); ++i) {
      if (!g[i].defined()) continue;
      detail::check_backward_gradient(node->op, i, g[i]);
      Edge& e = node->edges[i];
      if (g[i].shape() != e.shape)
        throw Error(std::string("internal: backward of '") + node->op + "' gave a gradient of shape " +
                    g[i].shape().str() + " for an input of shape " + e.shape.str());
      if (e.node) {
        e.node->grad += std::move(g[i]);
      } else if (e.leaf) {
        if (sink) {
          auto it = sink->find(e.leaf.get());
          if (it != sink->end()) it->second += std::move(g[i]);
        } else {
          Tensor acc(std::move(e.leaf->grad));
          acc += std::move(g[i]);
          e.leaf->grad = acc.impl_ptr();
        }
      }
    }
    if (sink) {
      auto it = node->output.expired() ? sink->end() : sink->find(node->output.lock().get());
      if (it != sink->end()) it->second += node->grad;
    }
    // A recorded gradient kept on a retained node would close a cycle (node -> grad -> its graph -> the
    // forward tensors it captured -> node) and leak; exports only need its values.
    if (options.retain_graph && options.create_graph) node->grad = node->grad.detach();
    if (!options.retain_graph) {
      node->backward = nullptr;
      node->edges.clear();
      node->value.reset();
      node->released = true;
      node->grad = Tensor();
    }
  }
}

}  // namespace

void backward(const Tensor& root, const Tensor& grad, const BackwardOptions& options) {
  walk(root, seed_gradient(root, grad), options, nullptr);
}

std::vector<Tensor> gradients(const Tensor& root, const std::vector<Tensor>& inputs, const Tensor& grad,
                              const BackwardOptions& options) {
  LeafSink sink;
  for (const Tensor& x : inputs) sink[&x.impl()] = Tensor();
  walk(root, seed_gradient(root, grad), options, &sink);
  std::vector<Tensor> out;
  out.reserve(inputs.size());
  for (const Tensor& x : inputs) {
    Tensor g = sink[&x.impl()];
    out.push_back(g.defined() ? g : zeros(x.shape()));
  }
  return out;
}

}  // namespace nabla
