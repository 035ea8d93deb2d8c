// Ready-made models for the CLI, the WASM bindings and the web pages, built from a short spec string.
//   "mlp"                 no hidden layer (a linear / logistic model)
//   "mlp:16,16"           two hidden layers of 16, relu
//   "mlp:256,128:tanh"    one activation for every hidden layer
//   "mlp:8,8,4:tanh,relu,gelu"  one activation per hidden layer
//   "mlp:256,128:relu:0.2"      dropout 0.2 after each hidden activation
//   "convnet"             make_mnist_convnet(); needs in = 784 (or 1x28x28) and out = 10
//   anything else         a layer spec, "conv(8,5)-relu-maxpool(2)-flatten-linear(10)" (see nabla/nn/spec.h)
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nabla/nn/container.h"

namespace nabla::nn {

/// Linear(in, h1) -> act -> [dropout] -> ... -> Linear(h_last, out). `activations` holds one name for every
/// hidden layer or one name per hidden layer (relu, leaky_relu, tanh, sigmoid, gelu, linear); the output
/// layer has no activation (logits). Hidden layers before relu, leaky_relu or gelu start from He
/// (kaiming_uniform) weights and zero biases, the others and the output layer from PyTorch's default.
/// ValueError for sizes <= 0, a wrong number of activations, an unknown
/// name or dropout outside [0, 1).
std::shared_ptr<Sequential> make_mlp(int64_t in, const std::vector<int64_t>& hidden, int64_t out,
                                     const std::vector<std::string>& activations = {"relu"}, float dropout = 0.0f);
std::shared_ptr<Sequential> make_mlp(int64_t in, const std::vector<int64_t>& hidden, int64_t out,
                                     const std::string& activation, float dropout = 0.0f);

/// The MNIST convnet as a layer spec (nabla/nn/spec.h): conv 12@5x5 pad 2 -> batch norm -> relu -> maxpool 2 ->
/// conv 24@5x5 pad 2 -> batch norm -> relu -> maxpool 2 -> flatten -> linear 1176 -> 10; 19,378 parameters. One
/// epoch of Adam 1e-3, batch 64, seed 1: 98.22% test accuracy (the README's table has the others tried: the
/// former preset, conv 8/16 without batch norm or padding, gave 96.9%; the same in PyTorch 96.6%).
inline constexpr const char* kMnistConvnetSpec =
    "conv(12,5,pad=2)-bn-relu-maxpool(2)-conv(24,5,pad=2)-bn-relu-maxpool(2)-flatten-linear(10)";
/// kMnistConvnetSpec's layers for input (N, 1, 28, 28).
std::shared_ptr<Sequential> make_mnist_convnet();

/// A parsed model spec (see the top of this file).
struct ModelSpec {
  std::string kind;                      // "mlp" or "convnet"
  std::vector<int64_t> hidden;           // mlp only
  std::vector<std::string> activations;  // mlp only; {"relu"} when not given
  float dropout = 0.0f;                  // mlp only
};

/// ValueError naming the spec and what is wrong with it.
ModelSpec parse_model_spec(const std::string& spec);
/// Builds the model a spec describes (an mlp spec, "convnet" or a layer spec), for `in` input features and
/// `out` outputs. "convnet" and image layer specs begin with a Reshape to (1, 28, 28), so they take flat
/// (N, 784) rows as well as (N, 1, 28, 28) images.
std::shared_ptr<Sequential> make_model(const std::string& spec, int64_t in, int64_t out);

}  // namespace nabla::nn
