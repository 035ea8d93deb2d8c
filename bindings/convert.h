// The conversions every Embind file shares (bindings/embind*.cpp): numbers, shapes, seeds, named tensors and
// optimizer settings between JS values and engine types. The binding files only convert; the engine's
// classes own the behaviour.
#pragma once
#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <vector>

#include "nabla/nabla.h"

namespace nabla::bindings {

using emscripten::val;

/// "3" for 3.0, "2.5" for 2.5: numbers from JS as a reader wrote them.
std::string number_str(double v);
/// A JS array of integers (shape, axes, indices); ValueError for a fraction.
std::vector<int64_t> to_dims(const val& array);
val dims_to_js(const Shape& s);
/// A seed from JS: a non-negative integer (ValueError naming `what` otherwise).
uint64_t seed_of(double seed, const char* what = "dataset");
/// A view of the tensor's elements; the JS layer copies it (.slice()) at once, before the heap can grow.
val data_view(const Tensor& t);
/// [{name, tensor}] handles for JS, and back.
val named_to_js(const NamedTensors& named);
NamedTensors named_from_js(const val& entries);
/// A JS float array of n whole rows as an (n, d) tensor; ValueError/ShapeError naming `what` otherwise.
Tensor rows_of(const val& values, int n, const char* what);
/// Pooling options from JS numbers (checked by the JS layer).
Pool2dOptions pool_options(int kernel, int stride, int padding);
/// Optimizer settings from the JS options object (camelCase keys, betas already split by the JS layer).
optim::OptimizerConfig optimizer_config(const std::string& name, const val& options);

/// One of the engine's name tables (activation, loss, optimizer) as [{name, jsName, alias}].
template <class Kind>
val names_to_js(const NameTable<Kind>& table) {
  val out = val::array();
  for (const KindName<Kind>& e : table.entries()) {
    val o = val::object();
    o.set("name", std::string(e.name));
    o.set("jsName", std::string(e.js_name));
    o.set("alias", std::string(e.alias));
    out.call<void>("push", o);
  }
  return out;
}

}  // namespace nabla::bindings
