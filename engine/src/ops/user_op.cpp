// User-defined elementwise ops (see nabla/ops/user_op.h): two postfix programs run with the engine's ops.
//
// Derivatives:
//   user op f(x)   dx += dy * f'(x)      f' is the user's program, run with tensor ops (so it differentiates again)
#include "nabla/ops/user_op.h"

#include <cctype>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "nabla/autograd/grad_mode.h"
#include "nabla/autograd/node.h"
#include "nabla/error.h"
#include "nabla/ops/arith.h"
#include "nabla/ops/reduce.h"
#include "nabla/ops/unary.h"
#include "nabla/tensor/factory.h"

namespace nabla {

namespace {

enum class Kind { input, constant, unary, binary };
enum class Fn { neg, exp, log, sqrt, abs, sin, cos, tanh, sigmoid, relu, gelu, softplus, leaky_relu, clamp,
                sum, mean, max, add, sub, mul, div, pow };

const std::map<std::string, Fn>& unary_names() {
  static const std::map<std::string, Fn> names = {
      {"neg", Fn::neg},   {"exp", Fn::exp},         {"log", Fn::log},   {"sqrt", Fn::sqrt},
      {"abs", Fn::abs},   {"sin", Fn::sin},         {"cos", Fn::cos},   {"tanh", Fn::tanh},
      {"sigmoid", Fn::sigmoid}, {"relu", Fn::relu}, {"gelu", Fn::gelu}, {"softplus", Fn::softplus},
      {"sum", Fn::sum},   {"mean", Fn::mean},       {"max", Fn::max}};
  return names;
}
const std::map<std::string, Fn>& binary_names() {
  static const std::map<std::string, Fn> names = {
      {"add", Fn::add}, {"sub", Fn::sub}, {"mul", Fn::mul}, {"div", Fn::div}, {"pow", Fn::pow}};
  return names;
}

// Names a user op may not take: the engine's ops and activations, and the expression language's functions.
bool is_reserved(const std::string& name) {
  static const std::set<std::string> more = {"x", "linear", "leaky_relu", "leakyRelu", "clamp", "matmul",
                                             "softmax", "log_softmax", "logsoftmax", "transpose"};
  return unary_names().count(name) || binary_names().count(name) || more.count(name);
}

bool parse_float(const std::string& text, float& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  out = std::strtof(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) parts.push_back(part);
  if (!s.empty() && s.back() == sep) parts.push_back("");
  return parts;
}

const char* intern(const std::string& name) {
  static std::mutex mutex;
  static std::set<std::string> names;  // node-based: c_str() stays valid as the set grows
  std::lock_guard<std::mutex> lock(mutex);
  return names.insert(name).first->c_str();
}

}  // namespace

struct ElementwiseOp::Step {
  Kind kind;
  Fn fn = Fn::neg;
  float value = 0, lo = 0, hi = 0;  // constant value; leaky_relu's slope (lo); clamp's bounds
};

namespace {

using Program = std::vector<ElementwiseOp::Step>;

Program parse_program(const std::string& op, const char* which, const std::string& src) {
  const auto bad = [&](const std::string& why) {
    return ValueError("user op '" + op + "': " + which + " program \"" + src + "\": " + why);
  };
  Program program;
  int depth = 0;
  std::istringstream in(src);
  for (std::string token; in >> token;) {
    ElementwiseOp::Step step{Kind::unary};
    const std::vector<std::string> parts = split(token, ':');
    const std::string& head = parts[0];
    float number = 0;
    int operands = 1;
    if (token == "x") {
      step.kind = Kind::input, operands = 0;
    } else if (parse_float(token, number)) {
      step.kind = Kind::constant, step.value = number, operands = 0;
    } else if (binary_names().count(token)) {
      step.kind = Kind::binary, step.fn = binary_names().at(token), operands = 2;
    } else if (unary_names().count(token)) {
      step.fn = unary_names().at(token);
    } else if (head == "leaky_relu" && parts.size() == 2 && parse_float(parts[1], step.lo)) {
      step.fn = Fn::leaky_relu;
    } else if (head == "clamp" && parts.size() == 3 && parse_float(parts[1], step.lo) &&
               parse_float(parts[2], step.hi)) {
      if (step.lo > step.hi) throw bad("clamp's lower bound is above its upper bound in '" + token + "'");
      step.fn = Fn::clamp;
    } else {
      throw bad("unknown token '" + token + "'");
    }
    if (depth < operands)
      throw bad("'" + token + "' needs " + std::to_string(operands) + " operand(s) but finds " +
                std::to_string(depth));
    depth += 1 - operands;
    program.push_back(step);
  }
  if (program.empty()) throw bad("the program is empty");
  if (depth != 1) throw bad("leaves " + std::to_string(depth) + " values instead of one");
  return program;
}

// A value on the evaluation stack: a constant stays a float until it meets the input.
struct Item {
  bool is_constant;
  float c = 0;
  Tensor t;
};

Tensor unary_op(const ElementwiseOp::Step& s, const Tensor& x) {
  switch (s.fn) {
    case Fn::neg: return neg(x);
    case Fn::exp: return exp(x);
    case Fn::log: return log(x);
    case Fn::sqrt: return sqrt(x);
    case Fn::abs: return abs(x);
    case Fn::sin: return sin(x);
    case Fn::cos: return cos(x);
    case Fn::tanh: return tanh(x);
    case Fn::sigmoid: return sigmoid(x);
    case Fn::relu: return relu(x);
    case Fn::gelu: return gelu(x);
    case Fn::softplus: return softplus(x);
    case Fn::leaky_relu: return leaky_relu(x, s.lo);
    case Fn::clamp: return clamp(x, s.lo, s.hi);
    case Fn::sum: return sum(x);
    case Fn::mean: return mean(x);
    case Fn::max: return max(x);
    default: throw ValueError("user op: not a unary function");
  }
}

Item binary_op(Fn fn, const Item& a, const Item& b) {
  if (a.is_constant && b.is_constant) {  // fold, with the engine's own arithmetic
    Tensor both[2] = {scalar(a.c), scalar(b.c)};
    Item folded = binary_op(fn, Item{false, 0, both[0]}, Item{false, 0, both[1]});
    return {true, folded.t.item(), Tensor()};
  }
  // A constant side uses the scalar overloads, which make no broadcast tensor.
  if (b.is_constant) {
    switch (fn) {
      case Fn::add: return {false, 0, add(a.t, b.c)};
      case Fn::sub: return {false, 0, add(a.t, -b.c)};
      case Fn::mul: return {false, 0, mul(a.t, b.c)};
      case Fn::div: return {false, 0, a.t / b.c};
      case Fn::pow: return {false, 0, pow(a.t, b.c)};
      default: break;
    }
  }
  if (a.is_constant) {
    switch (fn) {
      case Fn::add: return {false, 0, add(b.t, a.c)};
      case Fn::sub: return {false, 0, a.c - b.t};
      case Fn::mul: return {false, 0, mul(b.t, a.c)};
      case Fn::div: return {false, 0, a.c / b.t};
      case Fn::pow: return {false, 0, pow(scalar(a.c), b.t)};
      default: break;
    }
  }
  switch (fn) {
    case Fn::add: return {false, 0, add(a.t, b.t)};
    case Fn::sub: return {false, 0, sub(a.t, b.t)};
    case Fn::mul: return {false, 0, mul(a.t, b.t)};
    case Fn::div: return {false, 0, div(a.t, b.t)};
    case Fn::pow: return {false, 0, pow(a.t, b.t)};
    default: throw ValueError("user op: not a binary function");
  }
}

Tensor run(const char* op, const char* which, const Program& program, const Tensor& x) {
  std::vector<Item> stack;
  for (const ElementwiseOp::Step& s : program) {
    if (s.kind == Kind::input) {
      stack.push_back({false, 0, x});
    } else if (s.kind == Kind::constant) {
      stack.push_back({true, s.value, Tensor()});
    } else if (s.kind == Kind::unary) {
      Item& top = stack.back();
      if (top.is_constant) {
        if (s.fn != Fn::sum && s.fn != Fn::mean && s.fn != Fn::max) top.c = unary_op(s, scalar(top.c)).item();
      } else {
        top.t = unary_op(s, top.t);
      }
    } else {
      Item b = stack.back();
      stack.pop_back();
      stack.back() = binary_op(s.fn, stack.back(), b);
    }
  }
  const Item& result = stack.back();
  if (result.is_constant) return full(x.shape(), result.c);  // f(x) = c, or f'(x) = c
  if (result.t.shape() != x.shape())
    throw ShapeError(std::string("user op '") + op + "': the " + which + " gives shape " + result.t.shape().str() +
                     " for an input of shape " + x.shape().str() + "; an elementwise op keeps its input's shape");
  return result.t;
}

}  // namespace

ElementwiseOp::ElementwiseOp(std::string name, const std::string& forward, const std::string& derivative)
    : name_(std::move(name)), forward_src_(forward), derivative_src_(derivative) {
  forward_ = std::make_shared<const Program>(parse_program(name_, "forward", forward));
  derivative_ = std::make_shared<const Program>(parse_program(name_, "derivative", derivative));
  interned_name_ = intern(name_);
  // Only reductions change a shape, whatever the input's values: one probe finds them.
  NoGradGuard no_grad;
  const Tensor probe = tensor({0.5f, -1.0f, 2.0f}, Shape{3});
  run(interned_name_, "forward", *forward_, probe);
  run(interned_name_, "derivative", *derivative_, probe);
}

Tensor ElementwiseOp::derivative(const Tensor& x) const {
  return run(interned_name_, "derivative", *derivative_, x);
}

Tensor ElementwiseOp::operator()(const Tensor& x) const {
  Tensor y;
  {
    NoGradGuard no_grad;  // the node below is the op: its primitives are not recorded
    y = run(interned_name_, "forward", *forward_, x);
  }
  // The closure holds the input and the derivative's program, never the output (see STYLE.md).
  return record(interned_name_, y, {x}, [name = interned_name_, program = derivative_, x](const Tensor& dy, Grads& g) {
    g[0] += mul(dy, run(name, "derivative", *program, x));
  });
}

namespace {
std::mutex registry_mutex;
std::map<std::string, std::shared_ptr<const ElementwiseOp>>& registry() {
  static std::map<std::string, std::shared_ptr<const ElementwiseOp>> ops;
  return ops;
}
}  // namespace

void register_elementwise_op(const ElementwiseOp& op) {
  const std::string& name = op.name();
  bool identifier = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) identifier = identifier && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (!identifier) throw ValueError("user op: the name '" + name + "' is not an identifier (letters, digits, _)");
  if (is_reserved(name)) throw ValueError("user op: '" + name + "' is a built-in name; choose another");
  std::lock_guard<std::mutex> lock(registry_mutex);
  registry()[name] = std::make_shared<const ElementwiseOp>(op);
}

std::shared_ptr<const ElementwiseOp> find_elementwise_op(const std::string& name) {
  std::lock_guard<std::mutex> lock(registry_mutex);
  auto it = registry().find(name);
  return it == registry().end() ? nullptr : it->second;
}

void unregister_elementwise_op(const std::string& name) {
  std::lock_guard<std::mutex> lock(registry_mutex);
  registry().erase(name);
}

}  // namespace nabla
