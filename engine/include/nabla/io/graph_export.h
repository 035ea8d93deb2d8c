// Exports of a recorded graph for people to look at: Graphviz DOT, JSON for the web pages, and the order in
// which backward visits the ops, so that a page can step through backward one node at a time.
// Export before backward, or after backward with retain_graph: a plain backward frees the graph's edges, and
// with retain_graph each op node keeps the gradient of its output (shown as `grad`).
#pragma once
#include <string>
#include <unordered_set>
#include <vector>

#include "nabla/io/json.h"
#include "nabla/tensor/tensor.h"

namespace nabla {

/// A tensor's numbers in brief; undefined (`defined == false`) when the tensor is gone or has no gradient.
struct TensorSummary {
  bool defined = false;
  Shape shape;
  std::vector<float> head;  // up to the first 8 elements
  float min = 0, max = 0, mean = 0;
  int64_t size = 0;
};

/// One op (or leaf) of the graph. Ids are "n0", "n1", ... in forward (topological) order: inputs first.
struct GraphNode {
  std::string id;
  std::string op;        // "leaf" for inputs, parameters and constants, else the op name ("add", "tanh", ...)
  std::string name;      // Tensor::name() of a leaf, when set
  Shape shape;
  TensorSummary value;   // undefined when the tensor was freed (an intermediate nothing holds)
  TensorSummary grad;    // a leaf's .grad(), or an op's output gradient kept by a retain_graph backward
  bool requires_grad = false;
};

struct GraphEdge {
  std::string from;  // producer id
  std::string to;    // consumer id
  int input;         // input position at the consumer
};

struct Graph {
  std::vector<GraphNode> nodes;        // forward order: every node after its inputs
  std::vector<GraphEdge> edges;
  std::string root;                    // id of the tensor the graph was taken from
  std::vector<std::string> backward_order;  // op node ids in the order backward runs their closures
};

/// The graph behind `root`: every op node reachable from it and every leaf or constant feeding them.
Graph trace_graph(const Tensor& root);

/// Summary of a tensor's values (min, max, mean, first 8 elements).
TensorSummary summarize(const Tensor& t);

/// What a page highlights in a drawn graph while it steps through backward.
struct DotOptions {
  bool reveal_all = true;                    // draw every gradient; else only those of `revealed`
  std::unordered_set<std::string> revealed;  // node ids whose gradient is final at the step shown
  std::string current;                       // the node whose backward step is shown (amber)
  std::unordered_set<std::string> targets;   // the inputs it sends gradient to (orange, and their edges)
  bool collapse_layers = false;              // each Linear with its weight, bias and activation as one node
};

/// Graphviz DOT: op nodes as ellipses, leaves as boxes labelled with name, shape, value and grad.
std::string graph_to_dot(const Graph& graph, const DotOptions& options = {});
std::string graph_to_dot(const Tensor& root);

/// JSON matching bindings/js/index.d.ts GraphJson, plus "backwardOrder":
/// {"nodes": [{"id","op","name","shape","value","grad","requiresGrad"}], "edges": [{"from","to","input"}],
///  "root": id, "backwardOrder": [id, ...]}; summaries are {"shape","head","min","max","mean","size"} or null.
Json graph_to_json(const Graph& graph);
/// The graph back from graph_to_json's JSON (a page keeps the JSON after its tensors are freed);
/// FormatError naming a missing or mistyped field.
Graph graph_from_json(const Json& json);
std::string graph_to_json(const Tensor& root);

}  // namespace nabla
