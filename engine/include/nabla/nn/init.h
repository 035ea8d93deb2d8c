// Parameter initialisers, filling a tensor in place from a generator (the global one by default), so that
// manual_seed(s) followed by building a model gives the same weights, bit for bit, natively and in WASM.
// fan_in = shape[1] * receptive field, fan_out = shape[0] * receptive field (receptive field = product of
// shape[2:]), as in PyTorch.
#pragma once
#include <string>
#include <utility>

#include "nabla/tensor/random.h"
#include "nabla/tensor/tensor.h"

namespace nabla::nn::init {

enum class FanMode { fan_in, fan_out };

/// {fan_in, fan_out}; ValueError for rank < 2 (a bias has no fans).
std::pair<int64_t, int64_t> fans(const Tensor& t);
/// The recommended gain for a nonlinearity: linear/sigmoid 1, tanh 5/3, relu sqrt(2),
/// leaky_relu sqrt(2 / (1 + slope^2)), gelu sqrt(2) (as ReLU), selu 3/4. ValueError for other names.
float calculate_gain(const std::string& nonlinearity, float slope = 0.01f);

/// U(low, high).
void uniform_(Tensor& t, float low, float high, Generator& gen = default_generator());
/// N(mean, std^2).
void normal_(Tensor& t, float mean, float std, Generator& gen = default_generator());
void constant_(Tensor& t, float value);
void zeros_(Tensor& t);
void ones_(Tensor& t);
/// U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)).
void xavier_uniform_(Tensor& t, float gain = 1.0f, Generator& gen = default_generator());
/// N(0, std^2) with std = gain * sqrt(2 / (fan_in + fan_out)).
void xavier_normal_(Tensor& t, float gain = 1.0f, Generator& gen = default_generator());
/// U(-b, b) with b = gain * sqrt(3 / fan), gain = calculate_gain(nonlinearity, a).
void kaiming_uniform_(Tensor& t, float a = 0.0f, FanMode mode = FanMode::fan_in,
                      const std::string& nonlinearity = "leaky_relu", Generator& gen = default_generator());
/// N(0, std^2) with std = gain / sqrt(fan).
void kaiming_normal_(Tensor& t, float a = 0.0f, FanMode mode = FanMode::fan_in,
                     const std::string& nonlinearity = "leaky_relu", Generator& gen = default_generator());

/// A layer's initialiser, by name: what LinearOptions::init and Conv2dOptions::init select, and the names the
/// CLI (--init), the model specs and the JS API take.
///   default          PyTorch's layer default: W and b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))
///                    (kaiming_uniform with a = sqrt(5), as nn.Linear and nn.Conv2d do)
///   xavier_uniform, xavier_normal     Glorot, gain 1; b = 0
///   kaiming_uniform, kaiming_normal   He, fan_in, gain sqrt(2) (for ReLU); b = 0
///   zeros            W = 0 and b = 0 (a learner's experiment: every unit stays the same)
enum class Init { default_, xavier_uniform, xavier_normal, kaiming_uniform, kaiming_normal, zeros };
/// ValueError naming the known initialisers for any other name.
Init parse_init(const std::string& name);
const char* init_name(Init init);
/// Fills a layer's weight (rank >= 2) and bias (may be undefined) as `init` says.
void init_layer(Tensor& weight, Tensor& bias, Init init, Generator& gen = default_generator());

}  // namespace nabla::nn::init
