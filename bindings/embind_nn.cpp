// Embind: nn::Module (forward, parameters, state, safetensors, modes) and the layer and model factories,
// bound as _Module and _linearModule, _mlpModule, ... for bindings/js/nn.js.
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

using ModulePtr = std::shared_ptr<nabla::nn::Module>;

namespace {

// Parameters then buffers: everything a checkpoint holds.
nabla::NamedTensors state_of(const nabla::nn::Module& m) {
  nabla::NamedTensors all = m.named_parameters();
  for (auto& b : m.named_buffers()) all.push_back(b);
  return all;
}

Tensor module_forward(nabla::nn::Module& m, const Tensor& x) { return guarded([&] { return m.forward(x); }); }
val module_named_parameters(const nabla::nn::Module& m) { return named_to_js(m.named_parameters()); }
val module_state(const nabla::nn::Module& m) { return named_to_js(state_of(m)); }
void module_load_state(nabla::nn::Module& m, const val& entries) {
  guarded([&] { nabla::load_state_dict(state_of(m), named_from_js(entries)); });
}
val module_save_safetensors(const nabla::nn::Module& m) {
  return guarded([&] {
    std::vector<uint8_t> bytes = nabla::save_safetensors(state_of(m));
    // new Uint8Array(view) copies, before `bytes` is freed.
    return val::global("Uint8Array").new_(emscripten::typed_memory_view(bytes.size(), bytes.data()));
  });
}
void module_load_safetensors(nabla::nn::Module& m, const val& bytes) {
  guarded([&] {
    std::vector<uint8_t> b = emscripten::convertJSArrayToNumberVector<uint8_t>(bytes);
    nabla::load_state_dict(state_of(m), nabla::load_safetensors(b).tensors);
  });
}
void module_train(nabla::nn::Module& m, bool on) { m.train(on); }
bool module_is_training(const nabla::nn::Module& m) { return m.is_training(); }
void module_zero_grad(nabla::nn::Module& m) { m.zero_grad(); }
std::string module_describe(const nabla::nn::Module& m) { return m.describe(); }
double module_parameter_count(const nabla::nn::Module& m) { return static_cast<double>(m.parameter_count()); }

ModulePtr linear_module(int in, int out, bool bias) {
  return guarded([&]() -> ModulePtr { return std::make_shared<nabla::nn::Linear>(in, out, nabla::nn::LinearOptions{.bias = bias}); });
}
ModulePtr conv2d_module(int in, int out, int kernel, int stride, int padding, bool bias) {
  return guarded([&]() -> ModulePtr {
    return std::make_shared<nabla::nn::Conv2d>(in, out, kernel,
                                               nabla::nn::Conv2dOptions{.stride = stride, .padding = padding, .bias = bias});
  });
}
ModulePtr max_pool2d_module(int kernel, int stride, int padding) {
  return guarded([&]() -> ModulePtr { return std::make_shared<nabla::nn::MaxPool2d>(pool_options(kernel, stride, padding)); });
}
ModulePtr avg_pool2d_module(int kernel, int stride, int padding) {
  return guarded([&]() -> ModulePtr { return std::make_shared<nabla::nn::AvgPool2d>(pool_options(kernel, stride, padding)); });
}
ModulePtr activation_module(const std::string& name, float slope) {
  return guarded([&]() -> ModulePtr {
    if (nabla::nn::activation_names().find(name) == nabla::nn::ActivationKind::leaky_relu)
      return std::make_shared<nabla::nn::LeakyReLU>(slope);
    ModulePtr m = nabla::nn::make_activation(name);
    if (!m) throw nabla::ValueError("activation: \"" + name + "\" is not a module");
    return m;
  });
}
ModulePtr batch_norm1d_module(int features, float eps, float momentum, bool affine) {
  return guarded([&]() -> ModulePtr {
    return std::make_shared<nabla::nn::BatchNorm1d>(
        features, nabla::nn::BatchNormOptions{.eps = eps, .momentum = momentum, .affine = affine});
  });
}
ModulePtr flatten_module() { return std::make_shared<nabla::nn::Flatten>(); }
ModulePtr dropout_module(float p) { return guarded([&]() -> ModulePtr { return std::make_shared<nabla::nn::Dropout>(p); }); }
ModulePtr sequential_module(const val& modules) {
  return guarded([&]() -> ModulePtr {
    auto seq = std::make_shared<nabla::nn::Sequential>();
    const int n = modules["length"].as<int>();
    for (int i = 0; i < n; ++i) seq->push_back(modules[i].as<ModulePtr>());
    return seq;
  });
}
ModulePtr mlp_module(int in, const val& hidden, int out, const val& activations, float dropout) {
  return guarded([&]() -> ModulePtr {
    std::vector<std::string> acts = emscripten::vecFromJSArray<std::string>(activations);
    return nabla::nn::make_mlp(in, to_dims(hidden), out, acts, dropout);
  });
}
// The engine's name tables, which the JS layer resolves names through (bindings/js/names.js).
val name_table_of(const std::string& what) {
  return guarded([&] {
    if (what == "activation") return names_to_js(nabla::nn::activation_names());
    if (what == "loss") return names_to_js(nabla::nn::loss_names());
    if (what == "optimizer") return names_to_js(nabla::optim::optimizer_names());
    throw nabla::ValueError("no name table '" + what + "' (activation, loss, optimizer)");
  });
}
ModulePtr mnist_convnet_module() { return guarded([&]() -> ModulePtr { return nabla::nn::make_mnist_convnet(); }); }
ModulePtr model_from_spec(const std::string& spec, int in, int out) {
  return guarded([&]() -> ModulePtr { return nabla::nn::make_model(spec, in, out); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(nabla_nn) {
  using namespace emscripten;
  class_<nabla::nn::Module>("_Module")
      .smart_ptr<ModulePtr>("_ModulePtr")
      .function("forward", &module_forward)
      .function("namedParameters", &module_named_parameters)
      .function("state", &module_state)
      .function("loadState", &module_load_state)
      .function("saveSafetensors", &module_save_safetensors)
      .function("loadSafetensors", &module_load_safetensors)
      .function("train", &module_train)
      .function("isTraining", &module_is_training)
      .function("zeroGrad", &module_zero_grad)
      .function("describe", &module_describe)
      .function("parameterCount", &module_parameter_count);

  function("_linearModule", &linear_module);
  function("_conv2dModule", &conv2d_module);
  function("_maxPool2dModule", &max_pool2d_module);
  function("_avgPool2dModule", &avg_pool2d_module);
  function("_activationModule", &activation_module);
  function("_batchNorm1dModule", &batch_norm1d_module);
  function("_flattenModule", &flatten_module);
  function("_dropoutModule", &dropout_module);
  function("_sequentialModule", &sequential_module);
  function("_nameTable", &name_table_of);
  function("_mlpModule", &mlp_module);
  function("_mnistConvnetModule", &mnist_convnet_module);
  function("_modelFromSpec", &model_from_spec);
}
