// Walks a recorded graph the way backward does (iterative DFS from the root), then writes it as DOT or JSON.
#include "nabla/io/graph_export.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "nabla/autograd/node.h"

namespace nabla {

TensorSummary summarize(const Tensor& t) {
  TensorSummary s;
  if (!t.defined()) return s;
  s.defined = true;
  s.shape = t.shape();
  s.size = t.numel();
  const float* x = t.data();
  if (s.size == 0) return s;
  double sum = 0;
  s.min = s.max = x[0];
  for (int64_t i = 0; i < s.size; ++i) {
    s.min = std::min(s.min, x[i]);
    s.max = std::max(s.max, x[i]);
    sum += x[i];
  }
  s.mean = static_cast<float>(sum / static_cast<double>(s.size));
  s.head.assign(x, x + std::min<int64_t>(s.size, 8));
  return s;
}

namespace {

// Same order as the backward walk in autograd/backward.cpp: reversed post-order of an iterative DFS that
// follows edges in input order, so backward_order is exactly the order closures run in.
std::vector<std::shared_ptr<Node>> backward_walk_order(const std::shared_ptr<Node>& root) {
  std::vector<std::shared_ptr<Node>> post;
  std::unordered_set<Node*> seen{root.get()};
  std::vector<std::pair<std::shared_ptr<Node>, size_t>> stack{{root, 0}};
  while (!stack.empty()) {
    auto& [node, next_edge] = stack.back();
    if (next_edge < node->edges.size()) {
      const std::shared_ptr<Node>& child = node->edges[next_edge++].node;
      if (child && seen.insert(child.get()).second) stack.push_back({child, 0});
    } else {
      post.push_back(node);
      stack.pop_back();
    }
  }
  return {post.rbegin(), post.rend()};
}

// A tensor over elements a node kept after its handle was dropped.
Tensor stored_tensor(const std::shared_ptr<Storage>& storage, const Shape& shape) {
  auto impl = std::make_shared<TensorImpl>();
  impl->shape = shape;
  impl->storage = storage;
  impl->data = storage->data;
  return Tensor(std::move(impl));
}

GraphNode leaf_node(const std::string& id, const std::shared_ptr<TensorImpl>& impl, const Shape& shape) {
  GraphNode g;
  g.id = id;
  g.op = "leaf";
  g.shape = shape;
  if (impl) {
    Tensor t(impl);
    g.name = impl->name;
    g.value = summarize(t);
    g.grad = summarize(Tensor(impl->grad));
    g.requires_grad = impl->requires_grad;
  }
  return g;
}

}  // namespace

Graph trace_graph(const Tensor& root) {
  Graph graph;
  if (!root.grad_fn()) {
    graph.nodes.push_back(leaf_node("n0", root.impl_ptr(), root.shape()));
    graph.root = "n0";
    return graph;
  }
  std::vector<std::shared_ptr<Node>> order = backward_walk_order(root.grad_fn());
  std::unordered_map<const Node*, std::string> node_ids;
  std::unordered_map<const TensorImpl*, std::string> leaf_ids;
  auto next_id = [&graph] { return "n" + std::to_string(graph.nodes.size()); };

  // Forward order = post-order: every producer (and every leaf, placed just before its first consumer)
  // gets its id before the node that reads it.
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const Node& node = **it;
    std::vector<std::string> inputs;
    for (const Edge& e : node.edges) {
      if (e.node) {
        inputs.push_back(node_ids.at(e.node.get()));
        continue;
      }
      std::shared_ptr<TensorImpl> impl = e.leaf ? e.leaf : e.input.lock();
      auto found = impl ? leaf_ids.find(impl.get()) : leaf_ids.end();
      if (found != leaf_ids.end()) {
        inputs.push_back(found->second);
        continue;
      }
      // A constant nothing holds any more still gets a node: the op did read an input of that shape.
      std::string id = next_id();
      GraphNode leaf = leaf_node(id, impl, e.shape);
      if (!impl && e.constant) leaf.value = summarize(stored_tensor(e.constant, e.shape));
      graph.nodes.push_back(std::move(leaf));
      if (impl) leaf_ids[impl.get()] = id;
      inputs.push_back(id);
    }
    GraphNode g;
    g.id = next_id();
    g.op = node.op;
    g.shape = node.shape;
    if (auto out = node.output.lock()) {
      g.value = summarize(Tensor(out));
      g.name = out->name;
    } else if (node.value) {
      g.value = summarize(stored_tensor(node.value, node.shape));
    }
    g.grad = summarize(node.grad);
    g.requires_grad = true;
    node_ids[&node] = g.id;
    for (size_t i = 0; i < inputs.size(); ++i) graph.edges.push_back({inputs[i], g.id, static_cast<int>(i)});
    graph.nodes.push_back(std::move(g));
  }
  graph.root = node_ids.at(root.grad_fn().get());
  for (const auto& node : order) graph.backward_order.push_back(node_ids.at(node.get()));
  return graph;
}

// ---------------------------------------------------------------- DOT

namespace {

std::string fmt(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// One line: the value itself for up to 4 elements, else range and mean.
std::string summary_text(const TensorSummary& s) {
  if (!s.defined) return "";
  if (s.size <= 4) {
    if (s.size == 1 && s.shape.rank() == 0) return fmt(s.head[0]);
    std::string out = "[";
    for (size_t i = 0; i < s.head.size(); ++i) out += (i ? ", " : "") + fmt(s.head[i]);
    return out + "]";
  }
  return fmt(s.min) + " .. " + fmt(s.max) + ", mean " + fmt(s.mean);
}

std::string dot_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string graph_to_dot(const Graph& graph) {
  std::string out = "digraph nabla {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n";
  for (const GraphNode& n : graph.nodes) {
    bool leaf = n.op == "leaf";
    std::string title = leaf ? (n.name.empty() ? (n.requires_grad ? "param" : "const") : n.name)
                             : (n.name.empty() ? n.op : n.op + " (" + n.name + ")");
    std::string label = dot_escape(title) + "\\n" + n.shape.str();
    if (n.value.defined) label += "\\nvalue " + dot_escape(summary_text(n.value));
    if (n.grad.defined) label += "\\ngrad " + dot_escape(summary_text(n.grad));
    out += "  " + n.id + " [label=\"" + label + "\", shape=" + (leaf ? "box" : "ellipse");
    if (n.id == graph.root) out += ", penwidth=2";
    out += "];\n";
  }
  for (const GraphEdge& e : graph.edges) out += "  " + e.from + " -> " + e.to + ";\n";
  return out + "}\n";
}

std::string graph_to_dot(const Tensor& root) { return graph_to_dot(trace_graph(root)); }

// ---------------------------------------------------------------- JSON

namespace {

Json shape_json(const Shape& s) {
  Json a = Json::array();
  for (int64_t d : s) a.push_back(d);
  return a;
}

Json summary_json(const TensorSummary& s) {
  if (!s.defined) return Json(nullptr);
  Json head = Json::array();
  for (float v : s.head) head.push_back(v);
  Json o = Json::object();
  o.set("shape", shape_json(s.shape));
  o.set("head", std::move(head));
  o.set("min", s.min);
  o.set("max", s.max);
  o.set("mean", s.mean);
  o.set("size", s.size);
  return o;
}

}  // namespace

Json graph_to_json(const Graph& graph) {
  Json nodes = Json::array();
  for (const GraphNode& n : graph.nodes) {
    Json o = Json::object();
    o.set("id", n.id);
    o.set("op", n.op);
    o.set("name", n.name);
    o.set("shape", shape_json(n.shape));
    o.set("value", summary_json(n.value));
    o.set("grad", summary_json(n.grad));
    o.set("requiresGrad", n.requires_grad);
    nodes.push_back(std::move(o));
  }
  Json edges = Json::array();
  for (const GraphEdge& e : graph.edges) {
    Json o = Json::object();
    o.set("from", e.from);
    o.set("to", e.to);
    o.set("input", e.input);
    edges.push_back(std::move(o));
  }
  Json order = Json::array();
  for (const std::string& id : graph.backward_order) order.push_back(id);
  Json out = Json::object();
  out.set("nodes", std::move(nodes));
  out.set("edges", std::move(edges));
  out.set("root", graph.root);
  out.set("backwardOrder", std::move(order));
  return out;
}

std::string graph_to_json(const Tensor& root) { return graph_to_json(trace_graph(root)).dump(); }

}  // namespace nabla
