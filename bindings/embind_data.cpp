// Embind: the seeded toy datasets, the MNIST IDX reader and the graph exports (JSON, DOT), for
// bindings/js/data.js and graph.js.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <string>
#include <vector>

#include "convert.h"
#include "js_error.h"
#include "nabla/nabla.h"

using emscripten::val;
using nabla::Tensor;
using namespace nabla::bindings;

namespace {

val dataset_to_js(const nabla::Dataset& d) {
  val o = val::object();
  o.set("x", val(d.x));
  o.set("y", val(d.y));
  o.set("classes", static_cast<double>(d.classes));
  return o;
}
// noise or extra undefined, or classes 0, leave the set's own default (the engine's table, nabla::make_toy).
val make_dataset(const std::string& kind, int n, const val& noise, double seed, int classes, const val& extra,
                 bool nonlinear) {
  return guarded([&] {
    nabla::ToyOptions o;
    o.n = n;
    o.seed = seed_of(seed);
    if (!noise.isUndefined()) o.noise = noise.as<float>();
    if (classes > 0) o.classes = classes;
    if (!extra.isUndefined()) o.extra = extra.as<float>();
    o.nonlinear = nonlinear;
    return dataset_to_js(nabla::make_toy(kind, o));
  });
}
val train_test_split_of(const Tensor& x, const Tensor& y, int classes, double fraction, double seed) {
  return guarded([&] {
    auto [train, test] = nabla::train_test_split({x, y, classes}, fraction, seed_of(seed, "split"));
    val o = val::object();
    o.set("train", dataset_to_js(train));
    o.set("test", dataset_to_js(test));
    return o;
  });
}
val read_mnist_of(const val& images, const val& labels, int limit) {
  return guarded([&] {
    std::vector<uint8_t> im = emscripten::convertJSArrayToNumberVector<uint8_t>(images);
    std::vector<uint8_t> lb = emscripten::convertJSArrayToNumberVector<uint8_t>(labels);
    return dataset_to_js(nabla::read_mnist(im, lb, limit));
  });
}

// An IDX array's dims and bytes (the bytes copied out of the heap before `a` is freed).
val read_idx_of(const val& bytes) {
  return guarded([&] {
    std::vector<uint8_t> in = emscripten::convertJSArrayToNumberVector<uint8_t>(bytes);
    nabla::IdxArray a = nabla::read_idx(in.data(), in.size());
    val dims = val::array();
    for (int64_t d : a.dims) dims.call<void>("push", static_cast<double>(d));
    val o = val::object();
    o.set("dims", dims);
    o.set("data", val::global("Uint8Array").new_(emscripten::typed_memory_view(a.data.size(), a.data.data())));
    return o;
  });
}

std::string graph_json_of(const Tensor& t) { return guarded([&] { return nabla::graph_to_json(t); }); }
// DOT of a graph JSON with the page's highlights ({revealAll, revealed, current, targets, collapse}).
std::string graph_dot_of(const std::string& json, const val& view) {
  return guarded([&] {
    nabla::DotOptions o;
    o.reveal_all = view["revealAll"].as<bool>();
    for (const std::string& id : emscripten::vecFromJSArray<std::string>(view["revealed"])) o.revealed.insert(id);
    o.current = view["current"].as<std::string>();
    for (const std::string& id : emscripten::vecFromJSArray<std::string>(view["targets"])) o.targets.insert(id);
    o.collapse_layers = view["collapse"].as<bool>();
    return nabla::graph_to_dot(nabla::graph_from_json(nabla::parse_json(json)), o);
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(nabla_data) {
  using namespace emscripten;
  function("_dataset", &make_dataset);
  function("_trainTestSplit", &train_test_split_of);
  function("_readMnist", &read_mnist_of);
  function("_readIdx", &read_idx_of);
  function("_graphJson", &graph_json_of);
  function("_graphDotOf", &graph_dot_of);
}
