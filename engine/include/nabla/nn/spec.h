// Layer specs: a model written as a line of text, taken by the CLI's --model, nb.nn.fromSpec and the MNIST
// page's architecture editor. Layers are joined by '-'; arguments go in parentheses, positional then key=value:
//
//   conv(C, K[, stride=S][, pad=P][, init=I])   Conv2d to C channels, K x K kernel (stride 1, padding 0)
//   bn                                           BatchNorm2d on images, BatchNorm1d on rows (eps=, momentum=)
//   relu | leaky_relu | tanh | sigmoid | gelu    activations
//   maxpool(K[, stride=S]) | avgpool(K[, stride=S])   pooling (stride defaults to K); 'pool' is maxpool
//   dropout(P)                                   dropout with probability P in [0, 1)
//   flatten                                      images (C, H, W) -> rows (C*H*W)
//   linear(N[, dropconnect=P][, init=I])         Linear to N features (I: default, xavier_uniform, ...)
//   res(LAYERS)                                  y = x + LAYERS(x); the body must keep the shape
//   input(C, H, W)                               optional first layer: how to read each flat input row
//
// e.g. "conv(12,5)-bn-relu-maxpool(2)-conv(24,5)-bn-relu-maxpool(2)-flatten-linear(10)". Flat inputs of
// in = H*W features (a perfect square) are read as (1, H, W) images when the first layer wants images.
// The last layer must give exactly `out` features. Every error names the layer, its position and the reason.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nabla/nn/container.h"
#include "nabla/tensor/shape.h"

namespace nabla::nn {

/// One layer of a checked spec, for display: its text, where it starts, its output shape per sample and
/// its own parameter count (a res(...) counts its body; its body's layers follow it with depth + 1).
struct SpecLayer {
  std::string text;
  size_t position = 0;  // 0-based character offset in the spec
  int depth = 0;
  std::vector<int64_t> output;  // per-sample shape, without the batch
  int64_t parameters = 0;
};

/// The layers of a spec up to the first error, and that error ("" when the spec is sound).
struct SpecCheck {
  std::vector<SpecLayer> layers;
  std::string error;
  int64_t error_layer = -1;  // index into layers of the failing layer (it is listed, without a shape)
  size_t error_position = 0;
  std::vector<int64_t> input;  // the per-sample input shape the spec reads
  int64_t parameters = 0;
};

/// True for specs of the layer grammar (not "mlp..." or "convnet").
bool is_layer_spec(const std::string& spec);
/// Parses and shape-checks a layer spec for `in` input features and `out` outputs; never throws for a bad spec.
SpecCheck check_layer_spec(const std::string& spec, int64_t in, int64_t out);
/// Builds it; ValueError "model spec '...': layer 3 'conv(0,5)' at character 12: <reason>" for a bad one.
std::shared_ptr<Sequential> make_layer_model(const std::string& spec, int64_t in, int64_t out);

}  // namespace nabla::nn
