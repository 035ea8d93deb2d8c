// The function transforms of functional.h, all built on nabla::gradients.
#include "nabla/autograd/functional.h"

#include <algorithm>
#include <string>

#include "nabla/autograd/backward.h"
#include "nabla/autograd/grad_mode.h"
#include "nabla/error.h"
#include "nabla/ops/arith.h"
#include "nabla/ops/layout.h"
#include "nabla/ops/reduce.h"
#include "nabla/tensor/factory.h"

namespace nabla {

namespace {

template <class F>
void check_function(const char* name, const F& f) {
  if (!f) throw ValueError(std::string(name) + ": f is an empty function");
}

void check_argnums(const char* name, const Argnums& nums) {
  if (nums.empty()) throw ValueError(std::string(name) + ": argnums is empty");
  for (size_t i = 0; i < nums.size(); ++i) {
    if (nums[i] < 0) throw IndexError(std::string(name) + ": argnums " + std::to_string(nums[i]) + " is negative");
    if (std::find(nums.begin(), nums.begin() + i, nums[i]) != nums.begin() + i)
      throw ValueError(std::string(name) + ": argnums repeats argument " + std::to_string(nums[i]));
  }
}

std::string shape_of(const Tensor& t) { return t.defined() ? t.shape().str() : std::string("undefined"); }

void check_scalar(const char* name, const Tensor& y) {
  if (!y.defined() || y.numel() != 1)
    throw AutogradError(std::string(name) + ": f must return a one-element tensor (a scalar), got shape " +
                        shape_of(y));
}

void check_fits(const char* name, const char* what, const Tensor& v, const char* of, const Tensor& x) {
  if (v.shape() != x.shape())
    throw ShapeError(std::string(name) + ": " + what + " of shape " + v.shape().str() + " does not fit " + of +
                     " of shape " + x.shape().str());
}

// How many transforms are tracing their f right now. Inside one, every transform records its backward: the
// outer f may close over tensors of its graph (hvp's v, a jacobian's weights) that no argument shows.
thread_local int tracing = 0;

bool records_for(const std::vector<Tensor>& ts) {
  return is_grad_enabled() &&
         (tracing > 0 || std::any_of(ts.begin(), ts.end(), [](const Tensor& a) { return a.requires_grad(); }));
}

struct TracingScope {
  TracingScope() { ++tracing; }
  ~TracingScope() { --tracing; }
  TracingScope(const TracingScope&) = delete;
  TracingScope& operator=(const TracingScope&) = delete;
};

struct Traced {
  bool outer;                 // an outer transform differentiates through this call: record the backward
  std::vector<Tensor> inputs; // args, with the differentiated ones made differentiable
  Tensor out;
};

// Calls f with the arguments at `nums` made differentiable. When an outer transform differentiates through
// this call, an argument that already carries a graph is used as it is, so the result stays connected to the
// outer graph; the rest become fresh leaves.
Traced trace(const TensorListFn& f, const std::vector<Tensor>& args, const Argnums& nums, const char* name) {
  for (int i : nums)
    if (i >= static_cast<int>(args.size()))
      throw IndexError(std::string(name) + ": argnums " + std::to_string(i) + " is out of range for a call with " +
                       std::to_string(args.size()) + " arguments");
  Traced t{false, args, Tensor()};
  t.outer = records_for(args);
  for (int i : nums)
    if (!(t.outer && args[i].requires_grad())) t.inputs[i] = args[i].detach().requires_grad_(true);
  GradModeGuard on(true);
  TracingScope scope;
  t.out = f(t.inputs);
  if (!t.out.defined()) throw ValueError(std::string(name) + ": f returned an undefined tensor");
  return t;
}

std::vector<Tensor> pick(const std::vector<Tensor>& xs, const Argnums& nums) {
  std::vector<Tensor> out;
  for (int i : nums) out.push_back(xs[i]);
  return out;
}

// Gradients of <out, seed> (seed undefined: out is a scalar); zeros where out does not depend on an input.
std::vector<Tensor> grads_of(const Tensor& out, const std::vector<Tensor>& xs, const Tensor& seed, bool create_graph) {
  if (!out.requires_grad()) {
    std::vector<Tensor> zs;
    for (const Tensor& x : xs) zs.push_back(zeros(x.shape()));
    return zs;
  }
  BackwardOptions options;
  options.create_graph = create_graph;
  options.retain_graph = true;  // a jacobian walks the graph once per row; an outer transform walks it again
  GradModeGuard on(create_graph);
  return gradients(out, xs, seed, options);
}

std::pair<Tensor, std::vector<Tensor>> differentiate(const TensorListFn& f, const std::vector<Tensor>& args,
                                                     const Argnums& nums, const char* name, bool elementwise) {
  Traced t = trace(f, args, nums, name);
  if (!elementwise) check_scalar(name, t.out);
  Tensor seed = elementwise ? ones(t.out.shape()) : Tensor();
  std::vector<Tensor> g = grads_of(t.out, pick(t.inputs, nums), seed, t.outer);
  return {t.outer ? t.out : t.out.detach(), g};
}

TensorListFn unary(TensorFn f) {
  return [f = std::move(f)](const std::vector<Tensor>& a) { return f(a[0]); };
}

Tensor jacobian_at(const TensorFn& f, const Tensor& x, const char* name) {
  Traced t = trace(unary(f), {x}, {0}, name);
  const Tensor& in = t.inputs[0];
  std::vector<int64_t> shape = t.out.shape().to_vector();
  for (int64_t d : x.shape().to_vector()) shape.push_back(d);
  if (!t.out.requires_grad() || t.out.numel() == 0) return zeros(Shape(shape));
  std::vector<Tensor> rows;
  for (int64_t k = 0; k < t.out.numel(); ++k) {
    Tensor onehot = zeros(t.out.shape());
    onehot.data()[k] = 1.0f;
    rows.push_back(reshape(grads_of(t.out, {in}, onehot, t.outer)[0], {1, x.numel()}));
  }
  return reshape(concat(rows, 0), shape);
}

}  // namespace

TensorFn grad(TensorFn f) {
  check_function("grad", f);
  return [f = unary(std::move(f))](const Tensor& x) { return differentiate(f, {x}, {0}, "grad", false).second[0]; };
}

std::function<std::vector<Tensor>(const std::vector<Tensor>&)> grad(TensorListFn f, Argnums argnums) {
  check_function("grad", f);
  check_argnums("grad", argnums);
  return [f = std::move(f), argnums](const std::vector<Tensor>& args) {
    return differentiate(f, args, argnums, "grad", false).second;
  };
}

std::function<std::pair<Tensor, Tensor>(const Tensor&)> value_and_grad(TensorFn f) {
  check_function("value_and_grad", f);
  return [f = unary(std::move(f))](const Tensor& x) {
    auto [value, g] = differentiate(f, {x}, {0}, "value_and_grad", false);
    return std::pair<Tensor, Tensor>{value, g[0]};
  };
}

std::function<std::pair<Tensor, std::vector<Tensor>>(const std::vector<Tensor>&)> value_and_grad(TensorListFn f,
                                                                                                 Argnums argnums) {
  check_function("value_and_grad", f);
  check_argnums("value_and_grad", argnums);
  return [f = std::move(f), argnums](const std::vector<Tensor>& args) {
    return differentiate(f, args, argnums, "value_and_grad", false);
  };
}

TensorFn elementwise_grad(TensorFn f) {
  check_function("elementwise_grad", f);
  return [f = unary(std::move(f))](const Tensor& x) {
    return differentiate(f, {x}, {0}, "elementwise_grad", true).second[0];
  };
}

TensorFn jacobian(TensorFn f) {
  check_function("jacobian", f);
  return [f = std::move(f)](const Tensor& x) { return jacobian_at(f, x, "jacobian"); };
}

TensorFn hessian(TensorFn f) {
  check_function("hessian", f);
  TensorListFn g = unary(std::move(f));
  TensorFn first = [g](const Tensor& x) { return differentiate(g, {x}, {0}, "hessian", false).second[0]; };
  return [first](const Tensor& x) { return jacobian_at(first, x, "hessian"); };
}

std::pair<Tensor, Tensor> jvp(const TensorFn& f, const Tensor& x, const Tensor& v) {
  check_function("jvp", f);
  check_fits("jvp", "tangent", v, "primal", x);
  Traced t = trace([&f](const std::vector<Tensor>& a) { return f(a[0]); }, {x, v}, {0}, "jvp");
  Tensor value = t.outer ? t.out : t.out.detach();
  if (!t.out.requires_grad()) return {value, zeros(t.out.shape())};
  Tensor u = zeros(t.out.shape()).requires_grad_(true);
  Tensor dot = sum(mul(grads_of(t.out, {t.inputs[0]}, u, true)[0], v));
  return {value, grads_of(dot, {u}, Tensor(), t.outer)[0]};
}

std::pair<Tensor, TensorFn> vjp(const TensorFn& f, const Tensor& x) {
  check_function("vjp", f);
  Traced t = trace(unary(f), {x}, {0}, "vjp");
  Tensor value = t.outer ? t.out : t.out.detach();
  TensorFn pull = [out = t.out, in = t.inputs[0], outer = t.outer](const Tensor& u) {
    check_fits("vjp", "cotangent", u, "output", out);
    return grads_of(out, {in}, u, outer || records_for({u}))[0];
  };
  return {value, pull};
}

Tensor hvp(const TensorFn& f, const Tensor& x, const Tensor& v) {
  check_function("hvp", f);
  check_fits("hvp", "v", v, "x", x);
  TensorListFn g = unary(f);
  TensorFn directional = [g, v](const Tensor& p) {
    return sum(mul(differentiate(g, {p}, {0}, "hvp", false).second[0], v));
  };
  return grad(directional)(x);
}

}  // namespace nabla
