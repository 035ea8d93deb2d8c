// Embind entry points for BatchNorm2d, Residual, Linear and Conv2d with their options (init, DropConnect),
// nn::init on a tensor, and the layer-spec check (nn::check_layer_spec). Wrapped by bindings/js/layers.js.
#include <emscripten/bind.h>

#include <memory>
#include <string>

#include "js_error.h"
#include "nabla/nabla.h"

namespace {

using nabla::Tensor;
using nabla::bindings::guarded;
using ModulePtr = std::shared_ptr<nabla::nn::Module>;
namespace init = nabla::nn::init;

ModulePtr batch_norm2d_module(int features, float eps, float momentum, bool affine) {
  return guarded([&]() -> ModulePtr {
    return std::make_shared<nabla::nn::BatchNorm2d>(
        features, nabla::nn::BatchNormOptions{.eps = eps, .momentum = momentum, .affine = affine});
  });
}
ModulePtr residual_module(const ModulePtr& body) {
  return guarded([&]() -> ModulePtr { return std::make_shared<nabla::nn::Residual>(body); });
}
ModulePtr linear_module_with(int in, int out, bool bias, const std::string& init_name, float drop_connect) {
  return guarded([&]() -> ModulePtr {
    return std::make_shared<nabla::nn::Linear>(
        in, out, nabla::nn::LinearOptions{.bias = bias, .init = init::parse_init(init_name), .drop_connect = drop_connect});
  });
}
ModulePtr conv2d_module_with(int in, int out, int kernel, int stride, int padding, bool bias,
                             const std::string& init_name) {
  return guarded([&]() -> ModulePtr {
    return std::make_shared<nabla::nn::Conv2d>(
        in, out, kernel,
        nabla::nn::Conv2dOptions{.stride = stride, .padding = padding, .bias = bias, .init = init::parse_init(init_name)});
  });
}

init::FanMode fan_mode(const std::string& mode) {
  if (mode == "fan_in") return init::FanMode::fan_in;
  if (mode == "fan_out") return init::FanMode::fan_out;
  throw nabla::ValueError("init: mode must be fan_in or fan_out, got '" + mode + "'");
}
void init_uniform(Tensor& t, float low, float high) { guarded([&] { init::uniform_(t, low, high); }); }
void init_normal(Tensor& t, float mean, float std) { guarded([&] { init::normal_(t, mean, std); }); }
void init_constant(Tensor& t, float value) { guarded([&] { init::constant_(t, value); }); }
void init_xavier_uniform(Tensor& t, float gain) { guarded([&] { init::xavier_uniform_(t, gain); }); }
void init_xavier_normal(Tensor& t, float gain) { guarded([&] { init::xavier_normal_(t, gain); }); }
void init_kaiming_uniform(Tensor& t, float a, const std::string& mode, const std::string& nonlinearity) {
  guarded([&] { init::kaiming_uniform_(t, a, fan_mode(mode), nonlinearity); });
}
void init_kaiming_normal(Tensor& t, float a, const std::string& mode, const std::string& nonlinearity) {
  guarded([&] { init::kaiming_normal_(t, a, fan_mode(mode), nonlinearity); });
}
float init_gain(const std::string& nonlinearity, float slope) {
  return guarded([&] { return init::calculate_gain(nonlinearity, slope); });
}

emscripten::val dims(const std::vector<int64_t>& d) {
  emscripten::val a = emscripten::val::array();
  for (int64_t v : d) a.call<void>("push", static_cast<double>(v));
  return a;
}
// nn::SpecCheck as a plain JS object (fields renamed to camelCase only).
emscripten::val check_spec(const std::string& spec, int in, int out) {
  return guarded([&] {
    nabla::nn::SpecCheck c = nabla::nn::check_layer_spec(spec, in, out);
    emscripten::val layers = emscripten::val::array();
    for (const auto& l : c.layers) {
      emscripten::val o = emscripten::val::object();
      o.set("text", l.text);
      o.set("position", static_cast<double>(l.position));
      o.set("depth", l.depth);
      o.set("output", dims(l.output));
      o.set("parameters", static_cast<double>(l.parameters));
      layers.call<void>("push", o);
    }
    emscripten::val r = emscripten::val::object();
    r.set("layers", layers);
    r.set("error", c.error);
    r.set("errorLayer", static_cast<double>(c.error_layer));
    r.set("errorPosition", static_cast<double>(c.error_position));
    r.set("input", dims(c.input));
    r.set("parameters", static_cast<double>(c.parameters));
    return r;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(nabla_layers) {
  using emscripten::function;
  function("_batchNorm2dModule", &batch_norm2d_module);
  function("_residualModule", &residual_module);
  function("_linearModuleWith", &linear_module_with);
  function("_conv2dModuleWith", &conv2d_module_with);
  function("_initUniform", &init_uniform);
  function("_initNormal", &init_normal);
  function("_initConstant", &init_constant);
  function("_initXavierUniform", &init_xavier_uniform);
  function("_initXavierNormal", &init_xavier_normal);
  function("_initKaimingUniform", &init_kaiming_uniform);
  function("_initKaimingNormal", &init_kaiming_normal);
  function("_initGain", &init_gain);
  function("_checkSpec", &check_spec);
}
