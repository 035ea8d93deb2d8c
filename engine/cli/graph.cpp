// nabla graph: records an expression (micrograd's README example) or a model's forward pass and loss,
// runs backward with retain_graph so every node keeps its gradient, and prints the graph.
#include <cstdio>
#include <string>

#include "args.h"
#include "commands.h"
#include "nabla/nabla.h"

namespace nabla::cli {

int run_graph(int argc, char** argv) {
  Args args(argc, argv, 2, {"model", "data", "batch"}, {"json"});
  BackwardOptions keep;
  keep.retain_graph = true;
  Tensor root;
  std::shared_ptr<nn::Sequential> model;  // keeps the parameters (leaves of the graph) alive
  if (!args.has("model")) {
    if (args.has("data") || args.has("batch")) throw UsageError("--data and --batch need --model");
    root = micrograd_example().g;
  } else {
    std::string name = args.str("data", "moons");
    int64_t batch = args.integer("batch", 4, 1, 1024);
    Dataset data;
    if (name == "mnist") {
      // The graph does not depend on pixel values: zeros of MNIST's shape, no files needed.
      data = {zeros(Shape{batch, kMnistSide * kMnistSide}), zeros(Shape{batch}), 10};
    } else if (name == "moons" || name == "circles" || name == "spiral" || name == "xor" || name == "blobs") {
      ToyOptions toy;
      toy.n = batch;
      data = make_toy(name, toy);
    } else {
      throw UsageError("unknown dataset '" + name + "' (moons, circles, spiral, xor, blobs, mnist)");
    }
    manual_seed(0);
    try {
      model = nn::make_model(args.str("model", ""), data.features(), data.classes);
    } catch (const ValueError& e) {
      throw UsageError(std::string("--model: ") + e.what());
    }
    for (auto& [pname, p] : model->named_parameters()) p.set_name(pname);
    Tensor x = data.x;
    x.set_name("x");
    Tensor y = data.y;
    root = cross_entropy((*model)(x), y);
  }
  root.backward(Tensor(), keep);
  Graph graph = trace_graph(root);
  if (args.has("json"))
    std::printf("%s\n", graph_to_json(graph).dump().c_str());
  else
    std::fputs(graph_to_dot(graph).c_str(), stdout);
  return 0;
}

}  // namespace nabla::cli
