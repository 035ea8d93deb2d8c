// Preset models and the spec parser behind them.
#include "nabla/nn/presets.h"

#include <cstdlib>

#include "nabla/error.h"
#include "nabla/nn/activation.h"
#include "nabla/nn/batchnorm.h"
#include "nabla/nn/conv.h"
#include "nabla/nn/dropout.h"
#include "nabla/nn/linear.h"
#include "nabla/nn/spec.h"
#include "nabla/text.h"

namespace nabla::nn {

namespace {
// He initialisation before a ReLU-like activation, PyTorch's default before the others (and for the output).
init::Init hidden_init(const std::string& activation) {
  auto kind = activation_names().find(activation);
  bool relu_like = kind == ActivationKind::relu || kind == ActivationKind::leaky_relu || kind == ActivationKind::gelu;
  return relu_like ? init::Init::kaiming_uniform : init::Init::default_;
}
}  // namespace

std::shared_ptr<Sequential> make_mlp(int64_t in, const std::vector<int64_t>& hidden, int64_t out,
                                     const std::vector<std::string>& activations, float dropout) {
  if (in <= 0 || out <= 0)
    throw ValueError("make_mlp: input and output sizes must be positive, got " + std::to_string(in) + " and " +
                     std::to_string(out));
  if (!hidden.empty() && activations.size() != 1 && activations.size() != hidden.size())
    throw ValueError("make_mlp: " + std::to_string(activations.size()) + " activations for " +
                     std::to_string(hidden.size()) + " hidden layers (give one, or one per hidden layer)");
  if (!(dropout >= 0.0f && dropout < 1.0f))
    throw ValueError("make_mlp: dropout must be in [0, 1), got " + std::to_string(dropout));
  auto model = std::make_shared<Sequential>();
  int64_t width = in;
  for (size_t i = 0; i < hidden.size(); ++i) {
    if (hidden[i] <= 0)
      throw ValueError("make_mlp: hidden layer " + std::to_string(i) + " has size " + std::to_string(hidden[i]));
    const std::string& act_name = activations.size() == 1 ? activations[0] : activations[i];
    model->push_back(std::make_shared<Linear>(width, hidden[i], LinearOptions{.init = hidden_init(act_name)}));
    if (auto act = make_activation(act_name)) model->push_back(act);
    if (dropout > 0) model->push_back(std::make_shared<Dropout>(dropout));
    width = hidden[i];
  }
  model->push_back(std::make_shared<Linear>(width, out));
  return model;
}

std::shared_ptr<Sequential> make_mlp(int64_t in, const std::vector<int64_t>& hidden, int64_t out,
                                     const std::string& activation, float dropout) {
  return make_mlp(in, hidden, out, std::vector<std::string>{activation}, dropout);
}

std::shared_ptr<Sequential> make_mnist_convnet() {
  // The layer spec's model without its leading Reshape (this one takes (N, 1, 28, 28) images).
  const auto spec_model = make_layer_model(kMnistConvnetSpec, 784, 10);
  auto model = std::make_shared<Sequential>();
  for (size_t i = 1; i < spec_model->children().size(); ++i) model->push_back(spec_model->children()[i].second);
  return model;
}

ModelSpec parse_model_spec(const std::string& spec) {
  auto bad = [&](const std::string& why) {
    return ValueError("model spec '" + spec + "': " + why +
                      " (expected e.g. 'mlp:16,16', 'mlp:256,128:relu', 'mlp:8,8:tanh,relu:0.1', 'convnet' or a layer "
                      "spec such as 'conv(8,5)-relu-maxpool(2)-flatten-linear(10)')");
  };
  std::vector<std::string> parts = split(spec, ':');
  ModelSpec out;
  out.kind = parts[0];
  if (out.kind == "convnet") {
    if (parts.size() != 1) throw bad("convnet takes no arguments");
    return out;
  }
  if (out.kind != "mlp") throw bad("unknown model kind '" + out.kind + "'");
  if (parts.size() > 4) throw bad("too many ':' fields");
  if (parts.size() >= 2 && !parts[1].empty()) {
    for (const std::string& h : split(parts[1], ',')) {
      char* end = nullptr;
      long v = std::strtol(h.c_str(), &end, 10);
      if (h.empty() || *end != '\0' || v <= 0) throw bad("hidden size '" + h + "' is not a positive integer");
      out.hidden.push_back(v);
    }
  }
  out.activations = {"relu"};
  if (parts.size() >= 3) {
    out.activations = split(parts[2], ',');
    for (const std::string& a : out.activations)
      if (!is_activation(a))
        throw bad("unknown activation '" + a + "'");
    if (out.activations.size() != 1 && out.activations.size() != out.hidden.size())
      throw bad(std::to_string(out.activations.size()) + " activations for " + std::to_string(out.hidden.size()) +
                " hidden layers");
  }
  if (parts.size() == 4) {
    char* end = nullptr;
    out.dropout = std::strtof(parts[3].c_str(), &end);
    if (parts[3].empty() || *end != '\0' || !(out.dropout >= 0 && out.dropout < 1))
      throw bad("dropout '" + parts[3] + "' is not a number in [0, 1)");
  }
  return out;
}

std::shared_ptr<Sequential> make_model(const std::string& spec, int64_t in, int64_t out) {
  if (is_layer_spec(spec)) return make_layer_model(spec, in, out);
  ModelSpec s = parse_model_spec(spec);
  if (s.kind == "convnet") {
    if (in != 784 || out != 10)
      throw ValueError("model spec 'convnet': the MNIST convnet takes 784 (1x28x28) inputs and gives 10 outputs, "
                       "got in=" + std::to_string(in) + " out=" + std::to_string(out));
    return make_layer_model(kMnistConvnetSpec, in, out);  // Reshape first: flat rows or images
  }
  return make_mlp(in, s.hidden, out, s.activations, s.dropout);
}

}  // namespace nabla::nn
