// Graphviz DOT of a recorded graph: the one writer, for `nabla graph` and the web pages (through
// nb.graphDot). Leaves are boxes (blue parameters, grey constants), ops ellipses; DotOptions adds what a page
// highlights while it steps through backward, and can draw each Linear layer as one node.
#include <cstdio>
#include <unordered_map>

#include "nabla/io/graph_export.h"

namespace nabla {
namespace {

constexpr const char* kParam = "#dbeafe";
constexpr const char* kConstant = "#f1f5f9";
constexpr const char* kOp = "#ffffff";
constexpr const char* kLayer = "#ede9fe";
constexpr const char* kCurrent = "#fcd34d";  // the node whose backward step is shown
constexpr const char* kTarget = "#fdba74";   // the inputs it sends gradient to

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

// The last dimension as text ("?" for a scalar).
std::string last_dim(const Shape& s) { return s.rank() ? std::to_string(s[s.rank() - 1]) : "?"; }

bool is_activation_op(const std::string& op) {
  return op == "tanh" || op == "relu" || op == "sigmoid" || op == "gelu" || op == "leaky_relu" || op == "softplus";
}

// A Linear layer drawn as one node: the linear op, its weight and bias leaves, and the activation after it.
struct Layer {
  const GraphNode* shown;  // the node whose id, value and gradient the layer takes (its last member)
  std::string label;
  std::vector<std::string> members;
  bool has(const std::unordered_set<std::string>& ids) const {
    for (const std::string& m : members)
      if (ids.count(m)) return true;
    return false;
  }
};

std::vector<Layer> layers_of(const Graph& g) {
  std::unordered_map<std::string, const GraphNode*> by_id;
  for (const GraphNode& n : g.nodes) by_id[n.id] = &n;
  std::vector<Layer> layers;
  for (const GraphNode& node : g.nodes) {
    if (node.op != "linear") continue;
    Layer layer{&node, "", {node.id}};
    std::string fan_in = "?";
    std::vector<const GraphEdge*> outs;
    for (const GraphEdge& e : g.edges) {
      if (e.to == node.id && e.input > 0 && by_id.at(e.from)->op == "leaf") layer.members.push_back(e.from);
      if (e.to == node.id && e.input == 0) fan_in = last_dim(by_id.at(e.from)->shape);
      if (e.from == node.id) outs.push_back(&e);
    }
    if (outs.size() == 1 && is_activation_op(by_id.at(outs[0]->to)->op)) {
      layer.shown = by_id.at(outs[0]->to);
      layer.members.push_back(layer.shown->id);
    }
    layer.label = "layer " + std::to_string(layers.size() + 1) + ": Linear " + fan_in + "\u2192" +
                  last_dim(node.shape) +
                  (layer.shown == &node ? "" : " + " + layer.shown->op);
    layers.push_back(std::move(layer));
  }
  return layers;
}

}  // namespace

std::string graph_to_dot(const Graph& graph, const DotOptions& options) {
  std::vector<Layer> layers = options.collapse_layers ? layers_of(graph) : std::vector<Layer>{};
  std::unordered_map<std::string, const Layer*> layer_of;
  for (const Layer& l : layers)
    for (const std::string& m : l.members) layer_of[m] = &l;
  auto rep = [&](const std::string& id) {
    auto it = layer_of.find(id);
    return it == layer_of.end() ? id : it->second->shown->id;
  };
  const std::unordered_set<std::string> current{options.current};

  std::string out = "digraph nabla {\n  rankdir=LR; bgcolor=\"transparent\";\n"
                    "  node [fontname=\"Helvetica\", fontsize=10, penwidth=1.2];\n  edge [color=\"#64748b\"];\n";
  std::unordered_set<std::string> done;
  for (const GraphNode& node : graph.nodes) {
    const std::string id = rep(node.id);
    if (!done.insert(id).second) continue;
    auto found = layer_of.find(node.id);
    const Layer* layer = found == layer_of.end() ? nullptr : found->second;
    const GraphNode& n = layer ? *layer->shown : node;
    const bool leaf = n.op == "leaf";
    std::string title = layer ? layer->label
                        : leaf ? (n.name.empty() ? (n.requires_grad ? "param" : "const") : n.name)
                               : (n.name.empty() ? n.op : n.op + " (" + n.name + ")");
    std::string label = dot_escape(title) + "\\n" + n.shape.str();
    if (n.value.defined) label += "\\nvalue " + dot_escape(summary_text(n.value));
    const bool grad_shown = options.reveal_all || options.revealed.count(n.id);
    if (n.grad.defined && grad_shown) label += "\\ngrad " + dot_escape(summary_text(n.grad));
    const char* fill = layer ? kLayer : leaf ? (n.requires_grad ? kParam : kConstant) : kOp;
    if (layer ? layer->has(current) : id == options.current) fill = kCurrent;
    else if (layer ? layer->has(options.targets) : options.targets.count(n.id) > 0) fill = kTarget;
    out += "  " + id + " [label=\"" + label + "\", shape=" + (layer ? "box3d" : leaf ? "box" : "ellipse") +
           ", style=\"filled\", fillcolor=\"" + fill + "\", id=\"" + id + "\"";
    if (node.id == graph.root || (layer && layer->has({graph.root}))) out += ", penwidth=2";
    out += "];\n";
  }
  std::unordered_set<std::string> seen;
  for (const GraphEdge& e : graph.edges) {
    const std::string from = rep(e.from), to = rep(e.to);
    if (from == to) continue;
    // Collapsed, several edges between two layers draw as one.
    if (!seen.insert(from + ">" + to + ":" + (options.collapse_layers ? "" : std::to_string(e.input))).second) continue;
    const bool active = !options.current.empty() && e.to == options.current && options.targets.count(e.from);
    out += "  " + from + " -> " + to + (active ? " [color=\"#ea580c\", penwidth=2.5]" : "") + ";\n";
  }
  return out + "}\n";
}

std::string graph_to_dot(const Tensor& root) { return graph_to_dot(trace_graph(root)); }

}  // namespace nabla
