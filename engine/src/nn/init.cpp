// Initialisers: the formulas of PyTorch's torch.nn.init on nabla's portable generator.
#include "nabla/nn/init.h"

#include <cmath>

#include "nabla/error.h"

namespace nabla::nn::init {

std::pair<int64_t, int64_t> fans(const Tensor& t) {
  if (t.rank() < 2)
    throw ValueError("init: fan in and fan out need a tensor of rank >= 2, got shape " + t.shape().str());
  int64_t receptive = 1;
  for (int i = 2; i < t.rank(); ++i) receptive *= t.shape()[i];
  return {t.shape()[1] * receptive, t.shape()[0] * receptive};
}

float calculate_gain(const std::string& nonlinearity, float slope) {
  if (nonlinearity == "linear" || nonlinearity == "sigmoid" || nonlinearity == "conv2d") return 1.0f;
  if (nonlinearity == "tanh") return 5.0f / 3.0f;
  if (nonlinearity == "relu" || nonlinearity == "gelu") return std::sqrt(2.0f);
  if (nonlinearity == "leaky_relu") return std::sqrt(2.0f / (1.0f + slope * slope));
  if (nonlinearity == "selu") return 0.75f;
  throw ValueError("init: unknown nonlinearity '" + nonlinearity +
                   "' (expected linear, sigmoid, tanh, relu, leaky_relu, gelu or selu)");
}

void uniform_(Tensor& t, float low, float high, Generator& gen) {
  if (!(low <= high))
    throw ValueError("init: uniform_ needs low <= high, got " + std::to_string(low) + " and " +
                     std::to_string(high));
  float* p = t.data();
  for (int64_t i = 0, n = t.numel(); i < n; ++i) p[i] = low + (high - low) * gen.uniform();
}

void normal_(Tensor& t, float mean, float std, Generator& gen) {
  if (!(std >= 0)) throw ValueError("init: normal_ needs std >= 0, got " + std::to_string(std));
  float* p = t.data();
  for (int64_t i = 0, n = t.numel(); i < n; ++i) p[i] = mean + std * gen.normal();
}

void constant_(Tensor& t, float value) {
  float* p = t.data();
  for (int64_t i = 0, n = t.numel(); i < n; ++i) p[i] = value;
}

void zeros_(Tensor& t) { constant_(t, 0.0f); }
void ones_(Tensor& t) { constant_(t, 1.0f); }

void xavier_uniform_(Tensor& t, float gain, Generator& gen) {
  auto [in, out] = fans(t);
  float a = gain * std::sqrt(6.0f / float(in + out));
  uniform_(t, -a, a, gen);
}

void xavier_normal_(Tensor& t, float gain, Generator& gen) {
  auto [in, out] = fans(t);
  normal_(t, 0.0f, gain * std::sqrt(2.0f / float(in + out)), gen);
}

namespace {
float kaiming_std(const Tensor& t, float a, FanMode mode, const std::string& nonlinearity) {
  auto [in, out] = fans(t);
  int64_t fan = mode == FanMode::fan_in ? in : out;
  return calculate_gain(nonlinearity, a) / std::sqrt(float(fan));
}
}  // namespace

void kaiming_uniform_(Tensor& t, float a, FanMode mode, const std::string& nonlinearity, Generator& gen) {
  float bound = std::sqrt(3.0f) * kaiming_std(t, a, mode, nonlinearity);
  uniform_(t, -bound, bound, gen);
}

void kaiming_normal_(Tensor& t, float a, FanMode mode, const std::string& nonlinearity, Generator& gen) {
  normal_(t, 0.0f, kaiming_std(t, a, mode, nonlinearity), gen);
}

Init parse_init(const std::string& name) {
  for (Init i : {Init::default_, Init::xavier_uniform, Init::xavier_normal, Init::kaiming_uniform,
                 Init::kaiming_normal, Init::zeros})
    if (name == init_name(i)) return i;
  throw ValueError("init: unknown initialiser '" + name +
                   "' (expected default, xavier_uniform, xavier_normal, kaiming_uniform, kaiming_normal or zeros)");
}

const char* init_name(Init init) {
  switch (init) {
    case Init::default_: return "default";
    case Init::xavier_uniform: return "xavier_uniform";
    case Init::xavier_normal: return "xavier_normal";
    case Init::kaiming_uniform: return "kaiming_uniform";
    case Init::kaiming_normal: return "kaiming_normal";
    case Init::zeros: return "zeros";
  }
  return "?";
}

void init_layer(Tensor& weight, Tensor& bias, Init init, Generator& gen) {
  if (init == Init::default_) {
    // kaiming_uniform(a = sqrt(5)): gain sqrt(2 / 6), bound sqrt(3) gain / sqrt(fan_in) = 1 / sqrt(fan_in).
    const float bound = 1.0f / std::sqrt(float(fans(weight).first));
    uniform_(weight, -bound, bound, gen);
    if (bias.defined()) uniform_(bias, -bound, bound, gen);
    return;
  }
  switch (init) {
    case Init::xavier_uniform: xavier_uniform_(weight, 1.0f, gen); break;
    case Init::xavier_normal: xavier_normal_(weight, 1.0f, gen); break;
    case Init::kaiming_uniform: kaiming_uniform_(weight, 0.0f, FanMode::fan_in, "relu", gen); break;
    case Init::kaiming_normal: kaiming_normal_(weight, 0.0f, FanMode::fan_in, "relu", gen); break;
    default: zeros_(weight);
  }
  if (bias.defined()) zeros_(bias);
}

}  // namespace nabla::nn::init
