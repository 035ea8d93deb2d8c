// Walks a recorded graph the way backward does (iterative DFS from the root), then writes it as DOT or JSON.
#include "nabla/io/graph_export.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "nabla/autograd/node.h"
#include "nabla/error.h"

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

// ---------------------------------------------------------------- JSON

namespace {

Json object_of(std::initializer_list<std::pair<const char*, Json>> fields) {
  Json o = Json::object();
  for (const auto& [key, value] : fields) o.set(key, value);
  return o;
}

Json shape_json(const Shape& s) {
  Json a = Json::array();
  for (int64_t d : s) a.push_back(d);
  return a;
}

Json summary_json(const TensorSummary& s) {
  if (!s.defined) return Json(nullptr);
  Json head = Json::array();
  for (float v : s.head) head.push_back(v);
  return object_of({{"shape", shape_json(s.shape)}, {"head", std::move(head)}, {"min", s.min}, {"max", s.max},
                    {"mean", s.mean}, {"size", s.size}});
}

const Json& field(const Json& o, const char* key) {
  const Json* v = o.is_object() ? o.find(key) : nullptr;
  if (!v) throw FormatError(std::string("graph JSON: missing field '") + key + "'");
  return *v;
}

Shape shape_from(const Json& a) {
  std::vector<int64_t> dims;
  for (const Json& d : a.as_array()) dims.push_back(static_cast<int64_t>(d.as_number()));
  return Shape(dims);
}

// A number that dump() wrote as null (NaN or infinite) reads back as NaN.
float number_from(const Json& v) { return v.is_null() ? NAN : static_cast<float>(v.as_number()); }

TensorSummary summary_from(const Json& o) {
  TensorSummary s;
  if (o.is_null()) return s;
  s.defined = true;
  s.shape = shape_from(field(o, "shape"));
  for (const Json& v : field(o, "head").as_array()) s.head.push_back(number_from(v));
  s.min = number_from(field(o, "min"));
  s.max = number_from(field(o, "max"));
  s.mean = number_from(field(o, "mean"));
  s.size = static_cast<int64_t>(field(o, "size").as_number());
  return s;
}

}  // namespace

Json graph_to_json(const Graph& graph) {
  Json nodes = Json::array();
  for (const GraphNode& n : graph.nodes)
    nodes.push_back(object_of({{"id", n.id}, {"op", n.op}, {"name", n.name}, {"shape", shape_json(n.shape)},
                               {"value", summary_json(n.value)}, {"grad", summary_json(n.grad)},
                               {"requiresGrad", n.requires_grad}}));
  Json edges = Json::array();
  for (const GraphEdge& e : graph.edges) edges.push_back(object_of({{"from", e.from}, {"to", e.to}, {"input", e.input}}));
  Json order = Json::array();
  for (const std::string& id : graph.backward_order) order.push_back(id);
  return object_of({{"nodes", std::move(nodes)}, {"edges", std::move(edges)}, {"root", graph.root},
                    {"backwardOrder", std::move(order)}});
}

std::string graph_to_json(const Tensor& root) { return graph_to_json(trace_graph(root)).dump(); }

// An id graph_to_json wrote ("n" and digits), which the DOT writer may print unquoted.
const std::string& node_id(const Json& v, const std::unordered_set<std::string>* known) {
  const std::string& id = v.as_string();
  bool ok = id.size() > 1 && id[0] == 'n' && id.find_first_not_of("0123456789", 1) == std::string::npos;
  if (!ok || (known && !known->count(id))) throw FormatError("graph JSON: '" + id + "' is not a node id");
  return id;
}

Graph graph_from_json(const Json& json) {
  Graph g;
  std::unordered_set<std::string> ids;
  for (const Json& n : field(json, "nodes").as_array()) {
    GraphNode node;
    node.id = node_id(field(n, "id"), nullptr);
    ids.insert(node.id);
    node.op = field(n, "op").as_string();
    node.name = field(n, "name").as_string();
    node.shape = shape_from(field(n, "shape"));
    node.value = summary_from(field(n, "value"));
    node.grad = summary_from(field(n, "grad"));
    node.requires_grad = field(n, "requiresGrad").as_bool();
    g.nodes.push_back(std::move(node));
  }
  for (const Json& e : field(json, "edges").as_array())
    g.edges.push_back({node_id(field(e, "from"), &ids), node_id(field(e, "to"), &ids),
                       static_cast<int>(field(e, "input").as_number())});
  g.root = node_id(field(json, "root"), &ids);
  if (const Json* order = json.find("backwardOrder"))
    for (const Json& id : order->as_array()) g.backward_order.push_back(node_id(id, &ids));
  return g;
}

}  // namespace nabla
