// Graph exports on micrograd's README expression: structure, values, gradients and backward order.
#include <gtest/gtest.h>

#include "expect_error.h"

#include <cmath>
#include <map>
#include <set>
#include <string>

#include "nabla/autograd/backward.h"
#include "nabla/error.h"
#include "nabla/autograd/micrograd_example.h"
#include "nabla/io/graph_export.h"
#include "nabla/io/json.h"
#include "nabla/ops/linalg.h"
#include "nabla/ops/arith.h"
#include "nabla/ops/reduce.h"
#include "nabla/ops/unary.h"
#include "nabla/tensor/factory.h"

namespace nabla {
namespace {

using Micrograd = MicrogradExample;
using testing::expect_error;
Micrograd micrograd() { return micrograd_example(); }

// micrograd's expression after a backward that keeps the graph, so every op node holds its gradient.
Micrograd micrograd_after_backward() {
  Micrograd m = micrograd();
  BackwardOptions keep;
  keep.retain_graph = true;
  m.g.backward(Tensor(), keep);
  return m;
}

const Json& node_by_id(const Json& graph, const std::string& id) {
  for (const Json& n : graph.find("nodes")->as_array())
    if (n.find("id")->as_string() == id) return n;
  throw std::runtime_error("no node " + id);
}

TEST(IoGraphExport, JsonOfMicrogradHasLeavesOpsValuesAndGrads) {
  Micrograd m = micrograd_after_backward();
  Json graph = parse_json(graph_to_json(m.g));  // the export must be valid JSON

  const Json::Array& nodes = graph.find("nodes")->as_array();
  std::map<std::string, int> position;
  std::map<std::string, const Json*> named;
  int ops = 0;
  for (const Json& n : nodes) {
    position[n.find("id")->as_string()] = static_cast<int>(position.size());
    if (n.find("op")->as_string() != "leaf") ++ops;
    if (!n.find("name")->as_string().empty()) named[n.find("name")->as_string()] = &n;
  }
  // 26 recorded ops: 13 add, 2 sub, 5 mul (a * b, * 2, 3 *, f / 2, and 10 / f = 10 * f^-1), 3 pow (b^3, e^2,
  // f^-1), 2 relu, 1 neg.
  EXPECT_EQ(nodes.size() - ops, 2u);  // the leaves a and b; the float constants are not nodes
  EXPECT_EQ(ops, 26);
  ASSERT_EQ(named.count("a"), 1u);
  ASSERT_EQ(named.count("b"), 1u);
  const Json& a = *named["a"];
  EXPECT_EQ(a.find("op")->as_string(), "leaf");
  EXPECT_TRUE(a.find("requiresGrad")->as_bool());
  EXPECT_FLOAT_EQ(a.find("value")->find("head")->as_array()[0].as_number(), -4.0);
  EXPECT_NEAR(a.find("grad")->find("min")->as_number(), 138.8338, 1e-3);
  EXPECT_NEAR(named["b"]->find("grad")->find("mean")->as_number(), 645.5773, 1e-3);
  EXPECT_EQ(a.find("shape")->as_array().size(), 0u);

  const Json& root = node_by_id(graph, graph.find("root")->as_string());
  EXPECT_EQ(root.find("op")->as_string(), "add");
  EXPECT_NEAR(root.find("value")->find("head")->as_array()[0].as_number(), 24.7041, 1e-4);
  EXPECT_EQ(root.find("grad")->find("head")->as_array()[0].as_number(), 1.0);  // d g / d g
  EXPECT_EQ(root.find("value")->find("size")->as_number(), 1);

  // Every op node kept its output gradient (retain_graph), and every edge runs from an earlier node.
  for (const Json& n : nodes)
    if (n.find("op")->as_string() != "leaf") EXPECT_FALSE(n.find("grad")->is_null()) << n.dump();
  for (const Json& e : graph.find("edges")->as_array()) {
    const std::string& from = e.find("from")->as_string();
    const std::string& to = e.find("to")->as_string();
    ASSERT_TRUE(position.count(from) && position.count(to)) << e.dump();
    EXPECT_LT(position[from], position[to]);
  }

  // Backward order: every op exactly once, root first, each consumer before its producers.
  const Json::Array& order = graph.find("backwardOrder")->as_array();
  EXPECT_EQ(static_cast<int>(order.size()), ops);
  EXPECT_EQ(order[0].as_string(), graph.find("root")->as_string());
  std::map<std::string, int> step;
  for (const Json& id : order) step[id.as_string()] = static_cast<int>(step.size());
  EXPECT_EQ(static_cast<int>(step.size()), ops);
  for (const Json& e : graph.find("edges")->as_array()) {
    const std::string& from = e.find("from")->as_string();
    if (step.count(from)) EXPECT_LT(step[e.find("to")->as_string()], step[from]);
  }
}

TEST(IoGraphExport, DotListsEveryNodeAndEdgeWithLabels) {
  Micrograd m = micrograd_after_backward();
  Graph graph = trace_graph(m.g);
  std::string dot = graph_to_dot(graph);
  EXPECT_EQ(dot.rfind("digraph nabla {", 0), 0u);
  EXPECT_NE(dot.find("label=\"a\\n[]\\nvalue -4\\ngrad 138.8\", shape=box"), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"relu\\n[]"), std::string::npos);
  EXPECT_NE(dot.find("penwidth=2"), std::string::npos);
  size_t arrows = 0;
  for (size_t p = dot.find("->"); p != std::string::npos; p = dot.find("->", p + 2)) ++arrows;
  EXPECT_EQ(arrows, graph.edges.size());
  for (const GraphNode& n : graph.nodes) EXPECT_NE(dot.find("  " + n.id + " [label="), std::string::npos);
}

TEST(IoGraphExport, SummariesOfTensorsShowRangeMeanAndHead) {
  Tensor w = arange(0, 12).requires_grad_();
  w.set_name("w");
  Tensor y = sum(tanh(w) * 2.0f);
  Graph before = trace_graph(y);
  ASSERT_EQ(before.nodes.size(), 4u);  // w, tanh, mul (by the float 2, not a node), sum
  EXPECT_EQ(before.nodes[1].op, "tanh");
  EXPECT_EQ(before.nodes[3].op, "sum");
  EXPECT_EQ(before.backward_order, (std::vector<std::string>{"n3", "n2", "n1"}));
  EXPECT_EQ(before.nodes[0].name, "w");
  EXPECT_EQ(before.nodes[0].value.size, 12);
  EXPECT_EQ(before.nodes[0].value.head.size(), 8u);
  EXPECT_EQ(before.nodes[0].value.max, 11.0f);
  EXPECT_FLOAT_EQ(before.nodes[0].value.mean, 5.5f);
  EXPECT_FALSE(before.nodes[0].grad.defined);  // no backward yet
  EXPECT_NE(graph_to_dot(before).find("0 .. 11, mean 5.5"), std::string::npos);
}

// An op's output that nothing holds any more (here the temporaries tanh(w) and tanh(w) * 2) still shows its
// values: its node took them over when the output was freed.
TEST(IoGraphExport, AnIntermediateNothingHoldsStillShowsItsValues) {
  Tensor w = arange(0, 4).requires_grad_();
  Tensor y = sum(tanh(w) * 2.0f);
  Graph g = trace_graph(y);
  ASSERT_EQ(g.nodes.size(), 4u);
  ASSERT_EQ(g.nodes[1].op, "tanh");
  ASSERT_TRUE(g.nodes[1].value.defined);
  ASSERT_TRUE(g.nodes[2].value.defined);
  const float t[4] = {std::tanh(0.0f), std::tanh(1.0f), std::tanh(2.0f), std::tanh(3.0f)};
  ASSERT_EQ(g.nodes[1].value.head.size(), 4u);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(g.nodes[1].value.head[size_t(i)], t[i], 1e-6) << i;
  EXPECT_NEAR(g.nodes[2].value.mean, 2.0f * (t[0] + t[1] + t[2] + t[3]) / 4.0f, 1e-5);
  EXPECT_NEAR(g.nodes[3].value.max, 2.0f * (t[0] + t[1] + t[2] + t[3]), 1e-5);
}

TEST(IoGraphExport, ALeafAloneIsAOneNodeGraph) {
  Tensor x = ones(Shape{2, 3});
  Graph g = trace_graph(x);
  ASSERT_EQ(g.nodes.size(), 1u);
  EXPECT_EQ(g.root, "n0");
  EXPECT_EQ(g.nodes[0].op, "leaf");
  EXPECT_FALSE(g.nodes[0].requires_grad);
  EXPECT_TRUE(g.backward_order.empty());
  EXPECT_EQ(parse_json(graph_to_json(x)).find("nodes")->as_array()[0].find("shape")->dump(), "[2,3]");
}


size_t count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t p = text.find(part); p != std::string::npos; p = text.find(part, p + part.size())) ++n;
  return n;
}

TEST(IoGraphExport, JsonReadsBackToTheSameGraphAndDot) {
  Micrograd m = micrograd_after_backward();
  Graph graph = trace_graph(m.g);
  Graph back = graph_from_json(parse_json(graph_to_json(graph).dump()));
  EXPECT_EQ(graph_to_json(back).dump(), graph_to_json(graph).dump());
  EXPECT_EQ(graph_to_dot(back), graph_to_dot(graph));
  expect_error<FormatError>([] { graph_from_json(parse_json(R"({"nodes": [], "edges": []})")); }, "missing field 'root'");
  expect_error<FormatError>([] { graph_from_json(parse_json(R"({"nodes": [], "edges": [], "root": "x;y"})")); },
                            "'x;y' is not a node id");
}

TEST(IoGraphExport, DotHighlightsTheBackwardStepAndHidesUnrevealedGradients) {
  Micrograd m = micrograd_after_backward();
  Graph graph = trace_graph(m.g);
  const std::string step = graph.backward_order[0];  // the root's node: it sends gradient to its inputs
  DotOptions o;
  o.reveal_all = false;
  o.revealed = {step};
  o.current = step;
  for (const GraphEdge& e : graph.edges)
    if (e.to == step) o.targets.insert(e.from);
  std::string dot = graph_to_dot(graph, o);
  EXPECT_EQ(count(dot, "#fcd34d"), 1u) << dot;
  EXPECT_EQ(count(dot, "#fdba74"), o.targets.size());
  EXPECT_EQ(count(dot, "color=\"#ea580c\""), o.targets.size());  // the edges gradient flows along
  EXPECT_EQ(count(dot, "\\ngrad "), 1u);                         // only the step's own gradient
  EXPECT_EQ(count(graph_to_dot(graph), "\\ngrad "), graph.nodes.size());
}

TEST(IoGraphExport, DotCollapsesEachLinearLayerWithItsActivation) {
  Tensor x = ones(Shape{1, 2});
  Tensor w1 = ones(Shape{4, 2}).requires_grad_(), b1 = zeros(Shape{4}).requires_grad_();
  Tensor w2 = ones(Shape{1, 4}).requires_grad_(), b2 = zeros(Shape{1}).requires_grad_();
  Tensor loss = sum(linear(tanh(linear(x, w1, b1)), w2, b2));
  Graph graph = trace_graph(loss);
  DotOptions o;
  o.collapse_layers = true;
  std::string dot = graph_to_dot(graph, o);
  EXPECT_EQ(count(dot, " [label="), 4u) << dot;  // x, two layers, sum
  EXPECT_EQ(count(dot, " -> "), 3u);
  EXPECT_NE(dot.find("layer 1: Linear 2\u2192" "4 + tanh"), std::string::npos) << dot;
  EXPECT_NE(dot.find("layer 2: Linear 4\u2192" "1\\n"), std::string::npos) << dot;
}

}  // namespace
}  // namespace nabla
