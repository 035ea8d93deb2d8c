// The shared conversions of the Embind files (convert.h).
#include "convert.h"

namespace nabla::bindings {

std::string number_str(double v) {
  if (v == static_cast<double>(static_cast<long long>(v))) return std::to_string(static_cast<long long>(v));
  std::string s = std::to_string(v);
  return s.substr(0, s.find_last_not_of('0') + 1);
}

std::vector<int64_t> to_dims(const val& array) {
  std::vector<double> d = emscripten::convertJSArrayToNumberVector<double>(array);
  std::vector<int64_t> out;
  out.reserve(d.size());
  for (double x : d) {
    if (x != static_cast<double>(static_cast<int64_t>(x)))
      throw ValueError("shape/axis entries must be integers, got " + number_str(x));
    out.push_back(static_cast<int64_t>(x));
  }
  return out;
}

uint64_t seed_of(double seed, const char* what) {
  if (!(seed >= 0) || seed > 9007199254740991.0 || seed != static_cast<double>(static_cast<uint64_t>(seed)))
    throw ValueError(std::string(what) + ": the seed must be a non-negative integer, got " + number_str(seed));
  return static_cast<uint64_t>(seed);
}

val dims_to_js(const Shape& s) {
  val out = val::array();
  for (int64_t d : s) out.call<void>("push", static_cast<double>(d));
  return out;
}

val data_view(const Tensor& t) { return val(emscripten::typed_memory_view(t.numel(), t.data())); }

val named_to_js(const NamedTensors& named) {
  val out = val::array();
  for (const auto& [name, t] : named) {
    val entry = val::object();
    entry.set("name", name);
    entry.set("tensor", val(t));
    out.call<void>("push", entry);
  }
  return out;
}

NamedTensors named_from_js(const val& entries) {
  NamedTensors out;
  const int n = entries["length"].as<int>();
  for (int i = 0; i < n; ++i) out.emplace_back(entries[i]["name"].as<std::string>(), entries[i]["tensor"].as<Tensor>());
  return out;
}

Tensor rows_of(const val& values, int n, const char* what) {
  if (n < 1) throw ValueError(std::string(what) + ": n must be >= 1, got " + std::to_string(n));
  std::vector<float> v = emscripten::convertJSArrayToNumberVector<float>(values);
  if (v.empty() || v.size() % n)
    throw ShapeError(std::string(what) + ": x has " + std::to_string(v.size()) + " values, not whole rows for n = " +
                     std::to_string(n));
  return tensor(v, Shape{n, static_cast<int64_t>(v.size()) / n});
}

optim::OptimizerConfig optimizer_config(const std::string& name, const val& o) {
  optim::OptimizerConfig c;
  c.name = name;
  auto num = [&](const char* key, float& field) {
    if (!o[key].isUndefined()) field = o[key].as<float>();
  };
  num("lr", c.lr);
  num("momentum", c.momentum);
  num("weightDecay", c.weight_decay);
  num("beta1", c.beta1);
  num("beta2", c.beta2);
  num("eps", c.eps);
  num("alpha", c.alpha);
  if (!o["nesterov"].isUndefined()) c.nesterov = o["nesterov"].as<bool>();
  return c;
}

Pool2dOptions pool_options(int kernel, int stride, int padding) {
  Pool2dOptions o;
  o.kernel = kernel;
  o.stride = stride;
  o.padding = padding;
  return o;
}

}  // namespace nabla::bindings
