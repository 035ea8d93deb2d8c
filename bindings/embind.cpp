// The Embind layer: the engine's raw entry points for JavaScript, each bound with a `_` prefix and wrapped by
// the typed layer in bindings/js/. One EMSCRIPTEN_BINDINGS block, in a fixed order: value types, enums,
// classes, free functions. Every entry point runs inside `guarded`, which turns a C++ exception into a JS
// NablaError carrying the C++ message (and kind), so the module keeps working after an error.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <exception>
#include <string>
#include <typeinfo>
#include <vector>

#include "js_error.h"
#include "nabla/nabla.h"

using emscripten::val;
using nabla::Tensor;

namespace {

// ---------------------------------------------------------------- errors
// C++ exceptions leave as JS NablaErrors (bindings/js_error.h, shared with the concept binding files).
using nabla::bindings::guarded;

// ---------------------------------------------------------------- conversions
// "3" for 3.0, "2.5" for 2.5: numbers from JS as a reader wrote them.
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
      throw nabla::ValueError("shape/axis entries must be integers, got " + number_str(x));
    out.push_back(static_cast<int64_t>(x));
  }
  return out;
}

/// A seed from JS: a non-negative integer (ValueError naming `what` otherwise).
uint64_t seed_of(double seed, const char* what = "dataset") {
  if (!(seed >= 0) || seed > 9007199254740991.0 || seed != static_cast<double>(static_cast<uint64_t>(seed)))
    throw nabla::ValueError(std::string(what) + ": the seed must be a non-negative integer, got " + number_str(seed));
  return static_cast<uint64_t>(seed);
}

val dims_to_js(const nabla::Shape& s) {
  val out = val::array();
  for (int64_t d : s) out.call<void>("push", static_cast<double>(d));
  return out;
}

// A view of the tensor's elements; the JS layer copies it (.slice()) at once, before the heap can grow.
val data_view(const Tensor& t) { return val(emscripten::typed_memory_view(t.numel(), t.data())); }

// ---------------------------------------------------------------- Tensor methods
val shape_of(const Tensor& t) { return dims_to_js(t.shape()); }
bool requires_grad_of(const Tensor& t) { return t.requires_grad(); }
void set_requires_grad(Tensor& t, bool on) { guarded([&] { t.requires_grad_(on); }); }
bool is_leaf_of(const Tensor& t) { return t.is_leaf(); }
val grad_of(const Tensor& t) {
  Tensor g = t.grad();
  return g.defined() ? val(g) : val::null();
}
float item_of(const Tensor& t) { return guarded([&] { return t.item(); }); }
void backward_of(const Tensor& t, const val& grad, bool retain_graph, bool create_graph) {
  guarded([&] {
    nabla::BackwardOptions o;
    o.retain_graph = retain_graph;
    o.create_graph = create_graph;
    Tensor g = grad.isNull() || grad.isUndefined() ? Tensor() : grad.as<Tensor>();
    nabla::backward(t, g, o);
  });
}
void zero_grad_of(Tensor& t) { t.zero_grad(); }
Tensor detach_of(const Tensor& t) { return t.detach(); }
Tensor clone_of(const Tensor& t) { return t.clone(); }
std::string name_of(const Tensor& t) { return t.name(); }
void set_name_of(Tensor& t, const std::string& n) { t.set_name(n); }
int rank_of(const Tensor& t) { return t.rank(); }
double numel_of(const Tensor& t) { return static_cast<double>(t.numel()); }
bool same_as(const Tensor& a, const Tensor& b) { return a.same(b); }

// ---------------------------------------------------------------- creation
Tensor from_data(const val& values, const val& shape) {
  return guarded([&] {
    std::vector<float> v = emscripten::convertJSArrayToNumberVector<float>(values);
    return nabla::tensor(v, nabla::Shape(to_dims(shape)));
  });
}
Tensor zeros_of(const val& shape) { return guarded([&] { return nabla::zeros(nabla::Shape(to_dims(shape))); }); }
Tensor ones_of(const val& shape) { return guarded([&] { return nabla::ones(nabla::Shape(to_dims(shape))); }); }
Tensor full_of(const val& shape, float v) {
  return guarded([&] { return nabla::full(nabla::Shape(to_dims(shape)), v); });
}
Tensor scalar_of(float v) { return nabla::scalar(v); }
Tensor arange_of(float start, float end, float step) { return guarded([&] { return nabla::arange(start, end, step); }); }
Tensor randn_of(const val& shape) { return guarded([&] { return nabla::randn(nabla::Shape(to_dims(shape))); }); }
Tensor rand_of(const val& shape, float lo, float hi) {
  return guarded([&] { return nabla::rand(nabla::Shape(to_dims(shape)), lo, hi); });
}
void manual_seed_of(double seed) {
  guarded([&] {
    nabla::manual_seed(seed_of(seed, "manualSeed"));
  });
}

// ---------------------------------------------------------------- ops
#define NABLA_UNARY(name, fn) \
  Tensor name(const Tensor& x) { return guarded([&] { return fn(x); }); }
#define NABLA_BINARY(name, fn) \
  Tensor name(const Tensor& a, const Tensor& b) { return guarded([&] { return fn(a, b); }); }

NABLA_BINARY(add_tt, nabla::add)
NABLA_BINARY(sub_tt, nabla::sub)
NABLA_BINARY(mul_tt, nabla::mul)
NABLA_BINARY(div_tt, nabla::div)
NABLA_BINARY(pow_tt, nabla::pow)
NABLA_BINARY(matmul_tt, nabla::matmul)
NABLA_UNARY(neg_t, nabla::neg)
NABLA_UNARY(exp_t, nabla::exp)
NABLA_UNARY(log_t, nabla::log)
NABLA_UNARY(sqrt_t, nabla::sqrt)
NABLA_UNARY(abs_t, nabla::abs)
NABLA_UNARY(tanh_t, nabla::tanh)
NABLA_UNARY(sigmoid_t, nabla::sigmoid)
NABLA_UNARY(relu_t, nabla::relu)
NABLA_UNARY(gelu_t, nabla::gelu)
NABLA_UNARY(softplus_t, nabla::softplus)
NABLA_BINARY(mse_loss_t, nabla::mse_loss)
NABLA_BINARY(l1_loss_t, nabla::l1_loss)
NABLA_BINARY(cross_entropy_t, nabla::cross_entropy)
NABLA_BINARY(bce_logits_t, nabla::binary_cross_entropy_with_logits)
NABLA_UNARY(l1_penalty_t, nabla::l1_penalty)
NABLA_UNARY(l2_penalty_t, nabla::l2_penalty)
#undef NABLA_UNARY
#undef NABLA_BINARY

Tensor add_ts(const Tensor& x, float s) { return guarded([&] { return nabla::add(x, s); }); }
Tensor mul_ts(const Tensor& x, float s) { return guarded([&] { return nabla::mul(x, s); }); }
Tensor pow_ts(const Tensor& x, float p) { return guarded([&] { return nabla::pow(x, p); }); }
Tensor rsub_ts(const Tensor& x, float s) { return guarded([&] { return s - x; }); }
Tensor rdiv_ts(const Tensor& x, float s) { return guarded([&] { return s / x; }); }
Tensor leaky_relu_t(const Tensor& x, float slope) { return guarded([&] { return nabla::leaky_relu(x, slope); }); }
Tensor clamp_t(const Tensor& x, float lo, float hi) { return guarded([&] { return nabla::clamp(x, lo, hi); }); }

Tensor sum_all(const Tensor& x) { return guarded([&] { return nabla::sum(x); }); }
Tensor sum_axes(const Tensor& x, const val& axes, bool keepdim) {
  return guarded([&] { return nabla::sum(x, to_dims(axes), keepdim); });
}
Tensor mean_all(const Tensor& x) { return guarded([&] { return nabla::mean(x); }); }
Tensor mean_axes(const Tensor& x, const val& axes, bool keepdim) {
  return guarded([&] { return nabla::mean(x, to_dims(axes), keepdim); });
}
Tensor max_all(const Tensor& x) { return guarded([&] { return nabla::max(x); }); }
Tensor max_axis(const Tensor& x, int axis, bool keepdim) { return guarded([&] { return nabla::max(x, axis, keepdim); }); }
Tensor argmax_axis(const Tensor& x, int axis) { return guarded([&] { return nabla::argmax(x, axis); }); }

Tensor expand_t(const Tensor& x, const val& shape) {
  return guarded([&] { return nabla::expand(x, nabla::Shape(to_dims(shape))); });
}
Tensor sum_to_t(const Tensor& x, const val& shape) {
  return guarded([&] { return nabla::sum_to(x, nabla::Shape(to_dims(shape))); });
}
Tensor reshape_t(const Tensor& x, const val& shape) { return guarded([&] { return nabla::reshape(x, to_dims(shape)); }); }
Tensor flatten_t(const Tensor& x, int start, int end) { return guarded([&] { return nabla::flatten(x, start, end); }); }
Tensor transpose_t(const Tensor& x, int a0, int a1) { return guarded([&] { return nabla::transpose(x, a0, a1); }); }
Tensor permute_t(const Tensor& x, const val& order) { return guarded([&] { return nabla::permute(x, to_dims(order)); }); }
Tensor concat_t(const val& xs, int axis) {
  return guarded([&] {
    std::vector<Tensor> ts;
    const int n = xs["length"].as<int>();
    for (int i = 0; i < n; ++i) ts.push_back(xs[i].as<Tensor>());
    return nabla::concat(ts, axis);
  });
}
Tensor slice_t(const Tensor& x, int axis, double start, double end, int step) {
  return guarded([&] {
    // JS passes Infinity for "to the end"; the engine clips end to the size, as Python slicing does.
    auto clip = [](double v) { return v > 9e15 ? INT64_MAX : v < -9e15 ? INT64_MIN : static_cast<int64_t>(v); };
    return nabla::slice(x, axis, clip(start), clip(end), step);
  });
}
Tensor index_select_t(const Tensor& x, int axis, const val& index) {
  return guarded([&] { return nabla::index_select(x, axis, to_dims(index)); });
}
Tensor softmax_t(const Tensor& x, int axis) { return guarded([&] { return nabla::softmax(x, axis); }); }
Tensor log_softmax_t(const Tensor& x, int axis) { return guarded([&] { return nabla::log_softmax(x, axis); }); }
Tensor logsumexp_t(const Tensor& x, int axis, bool keepdim) {
  return guarded([&] { return nabla::logsumexp(x, axis, keepdim); });
}
Tensor linear_t(const Tensor& x, const Tensor& w, const val& b) {
  return guarded([&] { return nabla::linear(x, w, b.isNull() || b.isUndefined() ? Tensor() : b.as<Tensor>()); });
}
Tensor conv2d_t(const Tensor& x, const Tensor& w, const val& b, int stride, int padding) {
  return guarded([&] {
    nabla::Conv2dOptions o;
    o.stride = stride;
    o.padding = padding;
    return nabla::conv2d(x, w, b.isNull() || b.isUndefined() ? Tensor() : b.as<Tensor>(), o);
  });
}
nabla::Pool2dOptions pool_options(int kernel, int stride, int padding) {
  nabla::Pool2dOptions o;
  o.kernel = kernel;
  o.stride = stride;
  o.padding = padding;
  return o;
}
Tensor max_pool2d_t(const Tensor& x, int kernel, int stride, int padding) {
  return guarded([&] { return nabla::max_pool2d(x, pool_options(kernel, stride, padding)); });
}
Tensor avg_pool2d_t(const Tensor& x, int kernel, int stride, int padding) {
  return guarded([&] { return nabla::avg_pool2d(x, pool_options(kernel, stride, padding)); });
}
Tensor dropout_t(const Tensor& x, float p, bool training) { return guarded([&] { return nabla::dropout(x, p, training); }); }
Tensor multi_margin_t(const Tensor& s, const Tensor& y, float margin) {
  return guarded([&] { return nabla::multi_margin_loss(s, y, margin); });
}

// ---------------------------------------------------------------- modules
using ModulePtr = std::shared_ptr<nabla::nn::Module>;

val named_to_js(const nabla::NamedTensors& named) {
  val out = val::array();
  for (const auto& [name, t] : named) {
    val entry = val::object();
    entry.set("name", name);
    entry.set("tensor", val(t));
    out.call<void>("push", entry);
  }
  return out;
}

nabla::NamedTensors named_from_js(const val& entries) {
  nabla::NamedTensors out;
  const int n = entries["length"].as<int>();
  for (int i = 0; i < n; ++i) out.emplace_back(entries[i]["name"].as<std::string>(), entries[i]["tensor"].as<Tensor>());
  return out;
}

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
    if (name == "leaky_relu") return std::make_shared<nabla::nn::LeakyReLU>(slope);
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
ModulePtr mnist_convnet_module() { return guarded([&]() -> ModulePtr { return nabla::nn::make_mnist_convnet(); }); }
ModulePtr model_from_spec(const std::string& spec, int in, int out) {
  return guarded([&]() -> ModulePtr { return nabla::nn::make_model(spec, in, out); });
}

// ---------------------------------------------------------------- optimizers
using OptimizerPtr = std::shared_ptr<nabla::optim::Optimizer>;

nabla::optim::OptimizerConfig optimizer_config(const std::string& name, const val& o) {
  nabla::optim::OptimizerConfig c;
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

OptimizerPtr make_optimizer_of(const std::string& name, const val& params, const val& options) {
  return guarded([&]() -> OptimizerPtr {
    std::vector<Tensor> ps;
    const int n = params["length"].as<int>();
    for (int i = 0; i < n; ++i) ps.push_back(params[i].as<Tensor>());
    return nabla::optim::make_optimizer(optimizer_config(name, options), ps);
  });
}
void optimizer_step(nabla::optim::Optimizer& o) { guarded([&] { o.step(); }); }
void optimizer_zero_grad(nabla::optim::Optimizer& o) { o.zero_grad(); }
float optimizer_lr(const nabla::optim::Optimizer& o) { return o.lr(); }
void optimizer_set_lr(nabla::optim::Optimizer& o, float lr) { guarded([&] { o.set_lr(lr); }); }

// ---------------------------------------------------------------- trainer
using TrainerPtr = std::shared_ptr<nabla::nn::Trainer>;

// Rows of x (n, d...) and targets y: (n) labels or (n, k) targets, from flat JS arrays.
std::pair<Tensor, Tensor> rows_of(const val& x, const val& y, int n) {
  if (n < 1) throw nabla::ValueError("trainer: n must be >= 1, got " + std::to_string(n));
  std::vector<float> xs = emscripten::convertJSArrayToNumberVector<float>(x);
  std::vector<float> ys = emscripten::convertJSArrayToNumberVector<float>(y);
  if (xs.size() % n || ys.size() % n || xs.empty() || ys.empty())
    throw nabla::ShapeError("trainer: x has " + std::to_string(xs.size()) + " and y " + std::to_string(ys.size()) +
                            " values, not whole rows for n = " + std::to_string(n));
  const int64_t d = static_cast<int64_t>(xs.size()) / n, k = static_cast<int64_t>(ys.size()) / n;
  Tensor tx = nabla::tensor(xs, nabla::Shape{n, d});
  Tensor ty = k == 1 ? nabla::tensor(ys, nabla::Shape{n}) : nabla::tensor(ys, nabla::Shape{n, k});
  return {tx, ty};
}

Tensor rows_x(const nabla::nn::Trainer& t, const val& x, int n) {
  if (n < 1) throw nabla::ValueError("trainer: n must be >= 1, got " + std::to_string(n));
  std::vector<float> xs = emscripten::convertJSArrayToNumberVector<float>(x);
  if (xs.empty() || xs.size() % n)
    throw nabla::ShapeError("trainer: x has " + std::to_string(xs.size()) + " values, not whole rows for n = " + std::to_string(n));
  return nabla::tensor(xs, nabla::Shape{n, static_cast<int64_t>(xs.size()) / n});
}

TrainerPtr make_trainer(const ModulePtr& model, const std::string& loss, const std::string& optimizer,
                        const val& optimizer_options, float l1, float l2, int batch_size, double seed) {
  return guarded([&] {
    nabla::nn::TrainerOptions o;
    o.loss = loss;
    o.optimizer = optimizer_config(optimizer, optimizer_options);
    o.l1 = l1;
    o.l2 = l2;
    o.batch_size = batch_size;
    o.seed = seed_of(seed, "trainer");
    return std::make_shared<nabla::nn::Trainer>(model, o);
  });
}
void trainer_set_data(nabla::nn::Trainer& t, const val& x, const val& y, int n) {
  guarded([&] {
    auto [tx, ty] = rows_of(x, y, n);
    t.set_data(tx, ty);
  });
}
val metrics_to_js(const nabla::nn::Metrics& m) {
  val o = val::object();
  o.set("loss", m.loss);
  o.set("accuracy", m.accuracy);
  return o;
}
val trainer_step(nabla::nn::Trainer& t, int n) {
  return guarded([&] {
    val o = metrics_to_js(t.step(n));
    o.set("steps", static_cast<double>(t.steps_done()));
    return o;
  });
}
val trainer_evaluate(nabla::nn::Trainer& t, const val& x, const val& y, int n) {
  return guarded([&] {
    auto [tx, ty] = rows_of(x, y, n);
    return metrics_to_js(t.evaluate(tx, ty));
  });
}
Tensor trainer_predict(nabla::nn::Trainer& t, const val& x, int n) {
  return guarded([&] { return t.predict(rows_x(t, x, n)); });
}
// Every layer's output for a batch (evaluation mode, no graph): one call for all the neuron heatmaps.
val trainer_activations(nabla::nn::Trainer& t, const val& x, int n) {
  return guarded([&] {
    Tensor h = rows_x(t, x, n);
    nabla::nn::Module& model = t.model();
    const bool was_training = model.is_training();
    model.eval();
    nabla::NoGradGuard no_grad;
    nabla::NamedTensors layers;
    try {
      if (model.children().empty()) {
        layers.emplace_back("0", model.forward(h));
      } else {
        for (const auto& [name, child] : model.children()) {
          h = child->forward(h);
          layers.emplace_back(name, h);
        }
      }
    } catch (...) {
      model.train(was_training);
      throw;
    }
    model.train(was_training);
    return named_to_js(layers);
  });
}
val trainer_named_parameters(const nabla::nn::Trainer& t) { return named_to_js(t.named_parameters()); }
val trainer_gradients(const nabla::nn::Trainer& t) {
  nabla::NamedTensors out;
  std::vector<Tensor> grads = t.gradients();
  const auto& params = t.named_parameters();
  for (size_t i = 0; i < params.size(); ++i)
    out.emplace_back(params[i].first, grads[i].defined() ? grads[i] : nabla::zeros_like(params[i].second));
  return named_to_js(out);
}
void trainer_set_weight(nabla::nn::Trainer& t, const std::string& name, double index, float value) {
  guarded([&] {
    for (const auto& [n, p] : t.named_parameters()) {
      if (n != name) continue;
      if (!(index >= 0 && index < static_cast<double>(p.numel())) || index != static_cast<double>(static_cast<int64_t>(index)))
        throw nabla::IndexError("setWeight: index " + number_str(index) + " is outside parameter \"" + name +
                                "\" of shape " + p.shape().str());
      Tensor(p).data()[static_cast<int64_t>(index)] = value;
      return;
    }
    throw nabla::ValueError("setWeight: no parameter named \"" + name + "\"");
  });
}
void trainer_set_optimizer(nabla::nn::Trainer& t, const std::string& name, const val& o) {
  guarded([&] { t.set_optimizer(optimizer_config(name, o)); });
}
void trainer_set_lr(nabla::nn::Trainer& t, float lr) { guarded([&] { t.set_lr(lr); }); }
void trainer_set_loss(nabla::nn::Trainer& t, const std::string& loss) { guarded([&] { t.set_loss(loss); }); }
void trainer_set_regularization(nabla::nn::Trainer& t, float l1, float l2) { guarded([&] { t.set_regularization(l1, l2); }); }
void trainer_set_batch_size(nabla::nn::Trainer& t, int b) { guarded([&] { t.set_batch_size(b); }); }
ModulePtr trainer_model(const nabla::nn::Trainer& t) { return t.model_ptr(); }

// ---------------------------------------------------------------- data
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

// ---------------------------------------------------------------- graphs
std::string graph_json_of(const Tensor& t) { return guarded([&] { return nabla::graph_to_json(t); }); }
std::string graph_dot_of(const Tensor& t) { return guarded([&] { return nabla::graph_to_dot(t); }); }

// ---------------------------------------------------------------- autograd
bool is_grad_enabled_of() { return nabla::is_grad_enabled(); }
void set_grad_enabled_of(bool on) { nabla::set_grad_enabled(on); }
/// Sets anomaly mode and returns the previous setting, so that JS can restore it (nb.detectAnomaly).
bool set_anomaly_mode_of(bool on) {
  const bool prev = nabla::is_anomaly_mode_enabled();
  nabla::set_anomaly_mode(on);
  return prev;
}
/// d(root)/d(input), returned (not accumulated); with create_graph the result is differentiable.
Tensor gradient_of(const Tensor& root, const Tensor& input, bool create_graph, bool retain_graph) {
  return guarded([&] {
    nabla::BackwardOptions o;
    o.create_graph = create_graph;
    o.retain_graph = retain_graph;
    return nabla::gradients(root, {input}, Tensor(), o)[0];
  });
}

// ---------------------------------------------------------------- runtime
/// Bytes currently allocated by malloc for live objects: the leak check's measure (the heap itself only
/// ever grows). The engine's cache of blocks from dead tensors is emptied first, so it does not count.
double heap_used() {
  nabla::release_cached_blocks();
  nabla::release_small_objects();
  return static_cast<double>(mallinfo().uordblks);
}
bool simd_build() {
#ifdef __wasm_simd128__
  return true;
#else
  return false;
#endif
}

}  // namespace

EMSCRIPTEN_BINDINGS(nabla) {
  using namespace emscripten;

  // ---- classes ----
  class_<Tensor>("_Tensor")
      .function("shape", &shape_of)
      .function("rank", &rank_of)
      .function("numel", &numel_of)
      .function("requiresGrad", &requires_grad_of)
      .function("setRequiresGrad", &set_requires_grad)
      .function("isLeaf", &is_leaf_of)
      .function("grad", &grad_of)
      .function("zeroGrad", &zero_grad_of)
      .function("backward", &backward_of)
      .function("detach", &detach_of)
      .function("clone", &clone_of)
      .function("item", &item_of)
      .function("dataView", &data_view)
      .function("name", &name_of)
      .function("setName", &set_name_of)
      .function("same", &same_as);

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

  class_<nabla::optim::Optimizer>("_Optimizer")
      .smart_ptr<OptimizerPtr>("_OptimizerPtr")
      .function("step", &optimizer_step)
      .function("zeroGrad", &optimizer_zero_grad)
      .function("lr", &optimizer_lr)
      .function("setLr", &optimizer_set_lr);

  class_<nabla::nn::Trainer>("_Trainer")
      .smart_ptr<TrainerPtr>("_TrainerPtr")
      .function("setData", &trainer_set_data)
      .function("step", &trainer_step)
      .function("evaluate", &trainer_evaluate)
      .function("predict", &trainer_predict)
      .function("activations", &trainer_activations)
      .function("namedParameters", &trainer_named_parameters)
      .function("gradients", &trainer_gradients)
      .function("setWeight", &trainer_set_weight)
      .function("setOptimizer", &trainer_set_optimizer)
      .function("setLearningRate", &trainer_set_lr)
      .function("setLoss", &trainer_set_loss)
      .function("setRegularization", &trainer_set_regularization)
      .function("setBatchSize", &trainer_set_batch_size)
      .function("model", &trainer_model);

  // ---- free functions: creation ----
  function("_fromData", &from_data);
  function("_zeros", &zeros_of);
  function("_ones", &ones_of);
  function("_full", &full_of);
  function("_scalar", &scalar_of);
  function("_arange", &arange_of);
  function("_randn", &randn_of);
  function("_rand", &rand_of);
  function("_manualSeed", &manual_seed_of);

  // ---- free functions: ops ----
  function("_add", &add_tt);
  function("_sub", &sub_tt);
  function("_mul", &mul_tt);
  function("_div", &div_tt);
  function("_pow", &pow_tt);
  function("_addScalar", &add_ts);
  function("_mulScalar", &mul_ts);
  function("_powScalar", &pow_ts);
  function("_rsubScalar", &rsub_ts);
  function("_rdivScalar", &rdiv_ts);
  function("_neg", &neg_t);
  function("_exp", &exp_t);
  function("_log", &log_t);
  function("_sqrt", &sqrt_t);
  function("_abs", &abs_t);
  function("_tanh", &tanh_t);
  function("_sigmoid", &sigmoid_t);
  function("_relu", &relu_t);
  function("_leakyRelu", &leaky_relu_t);
  function("_gelu", &gelu_t);
  function("_softplus", &softplus_t);
  function("_clamp", &clamp_t);
  function("_sumAll", &sum_all);
  function("_sum", &sum_axes);
  function("_meanAll", &mean_all);
  function("_mean", &mean_axes);
  function("_maxAll", &max_all);
  function("_max", &max_axis);
  function("_argmax", &argmax_axis);
  function("_matmul", &matmul_tt);
  function("_linear", &linear_t);
  function("_expand", &expand_t);
  function("_sumTo", &sum_to_t);
  function("_reshape", &reshape_t);
  function("_flatten", &flatten_t);
  function("_transpose", &transpose_t);
  function("_permute", &permute_t);
  function("_concat", &concat_t);
  function("_slice", &slice_t);
  function("_indexSelect", &index_select_t);
  function("_softmax", &softmax_t);
  function("_logSoftmax", &log_softmax_t);
  function("_logsumexp", &logsumexp_t);
  function("_conv2d", &conv2d_t);
  function("_maxPool2d", &max_pool2d_t);
  function("_avgPool2d", &avg_pool2d_t);
  function("_dropout", &dropout_t);
  function("_mseLoss", &mse_loss_t);
  function("_l1Loss", &l1_loss_t);
  function("_crossEntropy", &cross_entropy_t);
  function("_bceWithLogits", &bce_logits_t);
  function("_multiMarginLoss", &multi_margin_t);
  function("_l1Penalty", &l1_penalty_t);
  function("_l2Penalty", &l2_penalty_t);

  // ---- free functions: modules, optimizers, trainer, data, graphs ----
  function("_linearModule", &linear_module);
  function("_conv2dModule", &conv2d_module);
  function("_maxPool2dModule", &max_pool2d_module);
  function("_avgPool2dModule", &avg_pool2d_module);
  function("_activationModule", &activation_module);
  function("_batchNorm1dModule", &batch_norm1d_module);
  function("_flattenModule", &flatten_module);
  function("_dropoutModule", &dropout_module);
  function("_sequentialModule", &sequential_module);
  function("_mlpModule", &mlp_module);
  function("_mnistConvnetModule", &mnist_convnet_module);
  function("_modelFromSpec", &model_from_spec);
  function("_optimizer", &make_optimizer_of);
  function("_trainer", &make_trainer);
  function("_dataset", &make_dataset);
  function("_readMnist", &read_mnist_of);
  function("_graphJson", &graph_json_of);
  function("_graphDot", &graph_dot_of);

  // ---- free functions: autograd and runtime ----
  function("_isGradEnabled", &is_grad_enabled_of);
  function("_setGradEnabled", &set_grad_enabled_of);
  function("_setAnomalyMode", &set_anomaly_mode_of);
  function("_gradient", &gradient_of);
  function("_heapUsed", &heap_used);
  function("_simd", &simd_build);
}
