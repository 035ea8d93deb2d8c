// The Embind layer's core: Tensor, its creation, the ops, autograd and the runtime, each bound with a `_`
// prefix and wrapped by the typed layer in bindings/js/. The other concepts have their own file and
// EMSCRIPTEN_BINDINGS block (embind_nn, embind_optim, embind_trainer, embind_data, ...), sharing convert.h.
// Every entry point that can throw runs inside `guarded` (js_error.h): a C++ exception leaves as a JS
// NablaError carrying the C++ message (and kind), so the module keeps working after an error.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <exception>
#include <string>
#include <typeinfo>
#include <vector>

#include "convert.h"
#include "js_error.h"
#include "nabla/nabla.h"

using emscripten::val;
using nabla::Tensor;

namespace {

using nabla::bindings::guarded;
using namespace nabla::bindings;

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

  // ---- free functions: autograd and runtime ----
  function("_isGradEnabled", &is_grad_enabled_of);
  function("_setGradEnabled", &set_grad_enabled_of);
  function("_setAnomalyMode", &set_anomaly_mode_of);
  function("_gradient", &gradient_of);
  function("_heapUsed", &heap_used);
  function("_simd", &simd_build);
}
