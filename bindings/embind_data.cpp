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
val make_dataset(const std::string& kind, int n, float noise, double seed, int classes, float extra, bool flag) {
  return guarded([&] {
    const uint64_t s = seed_of(seed);
    if (kind == "moons") return dataset_to_js(nabla::make_moons(n, noise, s));
    if (kind == "circles") return dataset_to_js(nabla::make_circles(n, noise, s, extra));
    if (kind == "spiral") return dataset_to_js(nabla::make_spiral(n, classes, noise, s));
    if (kind == "xor") return dataset_to_js(nabla::make_xor(n, noise, s));
    if (kind == "blobs") return dataset_to_js(nabla::make_blobs(n, classes, noise, s, extra));
    if (kind == "regression") return dataset_to_js(nabla::make_regression(n, classes, noise, s, flag));
    throw nabla::ValueError("dataset: unknown kind \"" + kind + "\"");
  });
}
val read_mnist_of(const val& images, const val& labels, int limit) {
  return guarded([&] {
    std::vector<uint8_t> im = emscripten::convertJSArrayToNumberVector<uint8_t>(images);
    std::vector<uint8_t> lb = emscripten::convertJSArrayToNumberVector<uint8_t>(labels);
    return dataset_to_js(nabla::read_mnist(im, lb, limit));
  });
}

std::string graph_json_of(const Tensor& t) { return guarded([&] { return nabla::graph_to_json(t); }); }
std::string graph_dot_of(const Tensor& t) { return guarded([&] { return nabla::graph_to_dot(t); }); }

}  // namespace

EMSCRIPTEN_BINDINGS(nabla_data) {
  using namespace emscripten;
  function("_dataset", &make_dataset);
  function("_readMnist", &read_mnist_of);
  function("_graphJson", &graph_json_of);
  function("_graphDot", &graph_dot_of);
}
