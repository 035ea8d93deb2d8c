// The layer-spec grammar (see spec.h): a small recursive-descent parser into nodes, then a builder that makes
// each module and learns its output shape by running it on one zero sample, so the shapes shown are the
// engine's own. Errors carry the layer's index and character position.
#include "nabla/nn/spec.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <functional>

#include "nabla/autograd/grad_mode.h"
#include "nabla/error.h"
#include "nabla/nn/activation.h"
#include "nabla/nn/batchnorm.h"
#include "nabla/nn/conv.h"
#include "nabla/nn/dropout.h"
#include "nabla/nn/linear.h"
#include "nabla/tensor/factory.h"

namespace nabla::nn {

namespace {

struct Node;
struct Arg {
  std::string key, value;  // key empty for a positional argument
  size_t position = 0;
};
struct Node {
  std::string name;
  std::vector<Arg> args;
  std::vector<Node> body;  // res(...) only
  size_t position = 0, end = 0;
};

// A bad spec: where, and why. Caught inside this file and turned into SpecCheck or ValueError.
struct SpecFault {
  size_t position;
  std::string why;
};

class Parser {
 public:
  explicit Parser(const std::string& s) : s_(s) {}

  std::vector<Node> parse() {
    std::vector<Node> nodes = sequence();
    skip_space();
    if (i_ < s_.size())
      throw SpecFault{i_, s_[i_] == ')' ? "')' without a matching '('" : "expected '-' between layers, got '" +
                                                                             std::string(1, s_[i_]) + "'"};
    return nodes;
  }

 private:
  void skip_space() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  std::vector<Node> sequence() {
    std::vector<Node> nodes{node()};
    skip_space();
    while (i_ < s_.size() && s_[i_] == '-') {
      ++i_;
      nodes.push_back(node());
      skip_space();
    }
    return nodes;
  }
  std::string identifier() {
    size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_' || s_[i_] == '.')) ++i_;
    return s_.substr(start, i_ - start);
  }
  Node node() {
    skip_space();
    Node n;
    n.position = i_;
    n.name = identifier();
    if (n.name.empty())
      throw SpecFault{i_, i_ < s_.size() ? "expected a layer name, got '" + std::string(1, s_[i_]) + "'"
                                         : "expected a layer name at the end"};
    skip_space();
    if (i_ < s_.size() && s_[i_] == '(') {
      ++i_;
      if (n.name == "res") {
        n.body = sequence();
      } else {
        skip_space();
        if (i_ < s_.size() && s_[i_] != ')') {
          n.args.push_back(arg());
          skip_space();
          while (i_ < s_.size() && s_[i_] == ',') {
            ++i_;
            n.args.push_back(arg());
            skip_space();
          }
        }
      }
      skip_space();
      if (i_ >= s_.size() || s_[i_] != ')')
        throw SpecFault{i_, "expected ')' to close '" + n.name + "(' at character " + std::to_string(n.position + 1)};
      ++i_;
    }
    n.end = i_;
    return n;
  }
  Arg arg() {
    skip_space();
    Arg a;
    a.position = i_;
    size_t start = i_;
    while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != ')' && s_[i_] != '(' && s_[i_] != '-') ++i_;
    // A '-' here can only be a sign: "-1" would be a negative number, which no argument takes anyway.
    if (i_ < s_.size() && s_[i_] == '-' && (i_ == start || s_[i_ - 1] == '=')) {
      ++i_;
      while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != ')' && s_[i_] != '(' && s_[i_] != '-') ++i_;
    }
    std::string text = s_.substr(start, i_ - start);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    if (size_t eq = text.find('='); eq != std::string::npos) {
      a.key = text.substr(0, eq);
      a.value = text.substr(eq + 1);
      while (!a.key.empty() && std::isspace(static_cast<unsigned char>(a.key.back()))) a.key.pop_back();
      while (!a.value.empty() && std::isspace(static_cast<unsigned char>(a.value.front()))) a.value.erase(0, 1);
    } else {
      a.value = text;
    }
    if (a.value.empty()) throw SpecFault{a.position, "empty argument"};
    return a;
  }

  const std::string& s_;
  size_t i_ = 0;
};

std::string shape_text(const std::vector<int64_t>& s) {
  std::string t;
  for (size_t i = 0; i < s.size(); ++i) t += (i ? "x" : "") + std::to_string(s[i]);
  return t;
}

// The arguments of one node, by position or key; each read marks the argument used.
class Args {
 public:
  Args(const Node& n, std::vector<std::string> keys) : n_(n), keys_(std::move(keys)), used_(n.args.size()) {
    size_t positional = 0;
    for (size_t k = 0; k < n.args.size(); ++k) {
      const Arg& a = n.args[k];
      if (a.key.empty()) {
        if (positional >= keys_.size())
          throw SpecFault{a.position, n.name + " takes at most " + std::to_string(keys_.size()) + " argument" +
                                          (keys_.size() == 1 ? "" : "s")};
        index_.emplace_back(keys_[positional++], k);
      } else {
        bool known = false;
        for (const auto& key : keys_) known |= key == a.key;
        if (!known) {
          std::string list;
          for (size_t j = 0; j < keys_.size(); ++j) list += (j ? ", " : "") + keys_[j];
          throw SpecFault{a.position, n.name + " has no option '" + a.key + "'" +
                                          (keys_.empty() ? " (it takes none)" : " (it takes " + list + ")")};
        }
        for (const auto& [key, idx] : index_)
          if (key == a.key) throw SpecFault{a.position, n.name + ": '" + a.key + "' given twice"};
        index_.emplace_back(a.key, k);
      }
    }
  }
  const Arg* find(const std::string& key) const {
    for (const auto& [k, idx] : index_)
      if (k == key) return &n_.args[idx];
    return nullptr;
  }
  int64_t integer(const std::string& key, int64_t fallback, int64_t min, const char* meaning) const {
    const Arg* a = find(key);
    if (!a) {
      if (fallback < min) throw SpecFault{n_.position, n_.name + " needs " + meaning};
      return fallback;
    }
    char* end = nullptr;
    long long v = std::strtoll(a->value.c_str(), &end, 10);
    if (*end != '\0' || v < min || v > (1ll << 30))
      throw SpecFault{a->position, n_.name + ": " + meaning + " must be an integer >= " + std::to_string(min) +
                                       ", got '" + a->value + "'"};
    return v;
  }
  float number(const std::string& key, float fallback, const char* meaning) const {
    const Arg* a = find(key);
    if (!a) return fallback;
    char* end = nullptr;
    float v = std::strtof(a->value.c_str(), &end);
    if (*end != '\0' || !std::isfinite(v))
      throw SpecFault{a->position, n_.name + ": " + meaning + " must be a number, got '" + a->value + "'"};
    return v;
  }
  float probability(const std::string& key, const char* meaning) const {
    float p = number(key, 0.0f, meaning);
    if (!(p >= 0 && p < 1))
      throw SpecFault{find(key) ? find(key)->position : n_.position,
                      n_.name + ": " + meaning + " must be in [0, 1), got '" + (find(key) ? find(key)->value : "") + "'"};
    return p;
  }
  init::Init init_option() const {
    const Arg* a = find("init");
    if (!a) return init::Init::default_;
    try {
      return init::parse_init(a->value);
    } catch (const ValueError& e) {
      throw SpecFault{a->position, n_.name + ": " + e.what()};
    }
  }

 private:
  const Node& n_;
  std::vector<std::string> keys_;
  std::vector<bool> used_;
  std::vector<std::pair<std::string, size_t>> index_;
};

class Builder {
 public:
  Builder(const std::string& spec, SpecCheck& check) : spec_(spec), check_(check) {}

  // Appends the modules of `nodes` to `seq`, advancing `shape` (per sample).
  void build(const std::vector<Node>& nodes, Sequential& seq, std::vector<int64_t>& shape, int depth) {
    for (const Node& n : nodes) {
      const size_t index = check_.layers.size();
      check_.layers.push_back({spec_.substr(n.position, n.end - n.position), n.position, depth, {}, 0});
      fault_layer_ = int64_t(index);
      std::shared_ptr<Module> m;
      if (n.name == "res") {
        auto body = std::make_shared<Sequential>();
        std::vector<int64_t> inner = shape;
        if (n.body.empty()) throw SpecFault{n.position, "res needs a body: res(conv(8,3,pad=1)-relu)"};
        build(n.body, *body, inner, depth + 1);
        fault_layer_ = int64_t(index);
        if (inner != shape)
          throw SpecFault{n.position, "res: the body turns " + shape_text(shape) + " into " + shape_text(inner) +
                                          "; a skip connection needs the same shape (use pad=(K-1)/2 and keep the "
                                          "channels)"};
        m = std::make_shared<Residual>(body);
      } else {
        m = make(n, shape);
      }
      shape = probe(*m, shape, n);
      check_.layers[index].output = shape;
      check_.layers[index].parameters = m->parameter_count();
      seq.push_back(m);
    }
  }

  int64_t fault_layer_ = -1;

 private:
  bool images(const std::vector<int64_t>& shape) const { return shape.size() == 3; }

  void need_images(const Node& n, const std::vector<int64_t>& shape) {
    if (!images(shape))
      throw SpecFault{n.position, n.name + " needs images (C, H, W), got rows of " + shape_text(shape) +
                                      " features (after flatten or linear)"};
  }

  std::shared_ptr<Module> make(const Node& n, const std::vector<int64_t>& shape) {
    if (!n.body.empty()) throw SpecFault{n.position, "only res takes layers as its argument"};
    const std::string& k = n.name;
    if (k == "conv") {
      Args a(n, {"channels", "kernel", "stride", "pad", "init"});
      int64_t channels = a.integer("channels", 0, 1, "channels (the number of output channels)");
      int64_t kernel = a.integer("kernel", 0, 1, "a kernel size");
      int64_t stride = a.integer("stride", 1, 1, "stride");
      int64_t pad = a.integer("pad", 0, 0, "pad");
      need_images(n, shape);
      if (kernel > shape[1] + 2 * pad || kernel > shape[2] + 2 * pad)
        throw SpecFault{n.position, "conv: kernel " + std::to_string(kernel) + "x" + std::to_string(kernel) +
                                        " is larger than its " + std::to_string(shape[1]) + "x" +
                                        std::to_string(shape[2]) + " input" +
                                        (pad ? " padded by " + std::to_string(pad) : "")};
      return std::make_shared<Conv2d>(shape[0], channels, kernel,
                                      Conv2dOptions{.stride = int(stride), .padding = int(pad), .init = a.init_option()});
    }
    if (k == "bn" || k == "batchnorm") {
      Args a(n, {"eps", "momentum"});
      BatchNormOptions o{.eps = a.number("eps", 1e-5f, "eps"), .momentum = a.number("momentum", 0.1f, "momentum")};
      if (!(o.eps > 0) || !(o.momentum >= 0 && o.momentum <= 1))
        throw SpecFault{n.position, n.name + ": need eps > 0 and momentum in [0, 1]"};
      if (images(shape)) return std::make_shared<BatchNorm2d>(shape[0], o);
      if (shape.size() == 1) return std::make_shared<BatchNorm1d>(shape[0], o);
      throw SpecFault{n.position, n.name + " needs rows (F) or images (C, H, W), got " + shape_text(shape)};
    }
    if (k == "maxpool" || k == "pool" || k == "avgpool") {
      Args a(n, {"kernel", "stride"});
      int64_t kernel = a.integer("kernel", 2, 1, "kernel");
      int64_t stride = a.integer("stride", kernel, 1, "stride");
      need_images(n, shape);
      if (kernel > shape[1] || kernel > shape[2])
        throw SpecFault{n.position, n.name + ": window " + std::to_string(kernel) + "x" + std::to_string(kernel) +
                                        " is larger than its " + std::to_string(shape[1]) + "x" +
                                        std::to_string(shape[2]) + " input"};
      Pool2dOptions o{.kernel = int(kernel), .stride = int(stride)};
      if (k == "avgpool") return std::make_shared<AvgPool2d>(o);
      return std::make_shared<MaxPool2d>(o);
    }
    if (k == "dropout") {
      Args a(n, {"p"});
      if (!a.find("p")) throw SpecFault{n.position, "dropout needs a probability: dropout(0.25)"};
      return std::make_shared<Dropout>(a.probability("p", "p"));
    }
    if (k == "flatten") {
      Args a(n, {});
      if (!images(shape)) throw SpecFault{n.position, "flatten needs images (C, H, W), got " + shape_text(shape)};
      return std::make_shared<Flatten>();
    }
    if (k == "linear") {
      Args a(n, {"features", "dropconnect", "init"});
      int64_t features = a.integer("features", 0, 1, "a number of output features");
      if (shape.size() != 1)
        throw SpecFault{n.position, "linear takes rows, got images " + shape_text(shape) +
                                        "; put 'flatten' before it"};
      return std::make_shared<Linear>(shape[0], features,
                                      LinearOptions{.init = a.init_option(),
                                                    .drop_connect = a.probability("dropconnect", "dropconnect")});
    }
    if (auto kind = activation_names().find(k); kind && *kind != ActivationKind::linear) {
      Args a(n, {});
      return make_activation(*kind);
    }
    if (k == "input") throw SpecFault{n.position, "input(C, H, W) may only be the first layer"};
    throw SpecFault{n.position, "unknown layer '" + k +
                                    "' (expected conv, bn, relu, leaky_relu, tanh, sigmoid, gelu, maxpool, avgpool, "
                                    "dropout, flatten, linear or res)"};
  }

  // The output shape of m for one sample of `shape`, from the module itself (eval mode, no graph).
  std::vector<int64_t> probe(Module& m, const std::vector<int64_t>& shape, const Node& n) {
    std::vector<int64_t> batch{1};
    batch.insert(batch.end(), shape.begin(), shape.end());
    NoGradGuard no_grad;
    m.eval();
    Tensor y;
    try {
      y = m.forward(zeros(Shape(batch)));
    } catch (const Error& e) {
      throw SpecFault{n.position, e.what()};
    }
    m.train();
    const Shape& ys = y.shape();
    std::vector<int64_t> out;
    for (int i = 1; i < ys.rank(); ++i) out.push_back(ys[i]);
    for (int64_t d : out)
      if (d <= 0) throw SpecFault{n.position, n.name + " leaves nothing: its output would be " + shape_text(out)};
    return out;
  }

  const std::string& spec_;
  SpecCheck& check_;
};

std::shared_ptr<Sequential> build_spec(const std::string& spec, int64_t in, int64_t out, SpecCheck& check) {
  if (in <= 0 || out <= 0)
    throw ValueError("model spec: input and output sizes must be positive, got in=" + std::to_string(in) +
                     " out=" + std::to_string(out));
  auto model = std::make_shared<Sequential>();
  Builder b(spec, check);
  try {
    std::vector<Node> nodes = Parser(spec).parse();
    std::vector<int64_t> shape{in};
    size_t first = 0;
    if (nodes[0].name == "input") {
      Args a(nodes[0], {"c", "h", "w"});
      std::vector<int64_t> s{a.integer("c", 0, 1, "channels"), a.integer("h", 0, 1, "a height"),
                             a.integer("w", 0, 1, "a width")};
      if (s[0] * s[1] * s[2] != in)
        throw SpecFault{nodes[0].position, "input " + shape_text(s) + " has " + std::to_string(s[0] * s[1] * s[2]) +
                                               " values, the data has " + std::to_string(in) + " per sample"};
      shape = s;
      first = 1;
    } else {
      const std::string& k = nodes[0].name;
      if (k == "conv" || k == "maxpool" || k == "pool" || k == "avgpool" || k == "res") {
        int64_t side = int64_t(std::llround(std::sqrt(double(in))));
        if (side * side != in)
          throw SpecFault{nodes[0].position, k + " needs images, and " + std::to_string(in) +
                                                 " input features are not a square; begin with input(C, H, W)"};
        shape = {1, side, side};
      }
    }
    check.input = shape;
    if (shape.size() == 3) model->push_back(std::make_shared<Reshape>(shape));
    b.build(std::vector<Node>(nodes.begin() + first, nodes.end()), *model, shape, 0);
    if (nodes.size() == first) throw SpecFault{nodes[0].end, "the spec has no layers after input(...)"};
    if (shape != std::vector<int64_t>{out})
      throw SpecFault{nodes.back().position, "the last layer gives " + shape_text(shape) + " per sample; the model " +
                                                 "needs " + std::to_string(out) + " outputs (end with linear(" +
                                                 std::to_string(out) + "))"};
  } catch (const SpecFault& f) {
    check.error = f.why;
    check.error_position = f.position;
    check.error_layer = b.fault_layer_;
    if (b.fault_layer_ >= 0) {
      check.layers.resize(size_t(b.fault_layer_) + 1);
      check.layers.back().output.clear();
    }
    return nullptr;
  }
  check.parameters = model->parameter_count();
  return model;
}

}  // namespace

bool is_layer_spec(const std::string& spec) { return spec != "convnet" && spec.rfind("mlp", 0) != 0; }

SpecCheck check_layer_spec(const std::string& spec, int64_t in, int64_t out) {
  SpecCheck check;
  build_spec(spec, in, out, check);
  return check;
}

std::shared_ptr<Sequential> make_layer_model(const std::string& spec, int64_t in, int64_t out) {
  SpecCheck check;
  auto model = build_spec(spec, in, out, check);
  if (model) return model;
  std::string where = "at character " + std::to_string(check.error_position + 1);
  if (check.error_layer >= 0) {
    const SpecLayer& l = check.layers[size_t(check.error_layer)];
    where = "layer " + std::to_string(check.error_layer + 1) + " '" + l.text + "' " + where;
  }
  throw ValueError("model spec '" + spec + "': " + where + ": " + check.error);
}

}  // namespace nabla::nn
