// Embind entry points for functional transforms and the ops they bring (sin, cos, roll): the raw calls that
// bindings/js/functional_transforms.js and bindings/js/tensor.js wrap. The transforms themselves live in JS,
// so that a user's JS function is never called from inside C++ (a JS exception would unwind C++ frames).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <vector>

#include "js_error.h"
#include "nabla/nabla.h"

using emscripten::val;
using nabla::Tensor;
using nabla::bindings::guarded;

namespace {

Tensor sin_t(const Tensor& x) { return guarded([&] { return nabla::sin(x); }); }
Tensor cos_t(const Tensor& x) { return guarded([&] { return nabla::cos(x); }); }
Tensor roll_t(const Tensor& x, double shift, int axis) {
  return guarded([&] { return nabla::roll(x, static_cast<int64_t>(shift), axis); });
}
/// A second handle on the same tensor (the engine's Tensor is a shared handle): JS can own it separately.
Tensor alias_of(const Tensor& x) { return x; }

/// d<root, seed>/d(inputs[i]) for each input (seed null: root must be a scalar), returned (not accumulated)
/// as a JS array; with create_graph the results are differentiable.
val gradients_of(const Tensor& root, const val& inputs, const val& seed, bool create_graph, bool retain_graph) {
  return guarded([&] {
    std::vector<Tensor> xs;
    const int n = inputs["length"].as<int>();
    for (int i = 0; i < n; ++i) xs.push_back(inputs[i].as<Tensor>());
    nabla::BackwardOptions o;
    o.create_graph = create_graph;
    o.retain_graph = retain_graph;
    Tensor s = seed.isNull() || seed.isUndefined() ? Tensor() : seed.as<Tensor>();
    std::vector<Tensor> gs = nabla::gradients(root, xs, s, o);
    val out = val::array();
    // val(g) first: a Tensor passed straight to push would be deleted by Embind once the call returns.
    for (const Tensor& g : gs) out.call<void>("push", val(g));
    return out;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(nabla_functional) {
  using namespace emscripten;
  function("_sin", &sin_t);
  function("_cos", &cos_t);
  function("_roll", &roll_t);
  function("_alias", &alias_of);
  function("_gradients", &gradients_of);
}
