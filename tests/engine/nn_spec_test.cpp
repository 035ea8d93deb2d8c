// Layer specs (nabla/nn/spec.h): the grammar builds the layers it names with the shapes and parameter counts
// of the same model built by hand; residual blocks, options and "input(...)"; and every malformed spec or
// shape that does not fit gets an error naming the layer, its character position and the reason.
#include <gtest/gtest.h>

#include <string>

#include "nabla/nabla.h"

namespace nabla {
namespace {

std::string error_of(const std::string& spec, int64_t in = 784, int64_t out = 10) {
  try {
    nn::make_model(spec, in, out);
  } catch (const ValueError& e) {
    return e.what();
  }
  return "";
}

TEST(NnSpec, BuildsTheLayersItNamesWithTheirShapesAndParameterCounts) {
  const std::string spec = "conv(8,3,pad=1)-bn-relu-maxpool(2)-res(conv(8,3,pad=1)-bn-relu)-avgpool(2,stride=2)"
                           "-flatten-dropout(0.25)-linear(32,dropconnect=0.5,init=kaiming_normal)-relu-linear(10)";
  nn::SpecCheck c = nn::check_layer_spec(spec, 784, 10);
  ASSERT_EQ(c.error, "");
  EXPECT_EQ(c.input, (std::vector<int64_t>{1, 28, 28}));
  std::vector<std::vector<int64_t>> shapes;
  for (const auto& l : c.layers) shapes.push_back(l.output);
  EXPECT_EQ(shapes, (std::vector<std::vector<int64_t>>{{8, 28, 28}, {8, 28, 28}, {8, 28, 28}, {8, 14, 14},
                                                       {8, 14, 14}, {8, 14, 14}, {8, 14, 14}, {8, 14, 14},
                                                       {8, 7, 7}, {392}, {392}, {32}, {32}, {10}}));
  EXPECT_EQ(c.layers[4].text, "res(conv(8,3,pad=1)-bn-relu)");
  EXPECT_EQ(c.layers[4].depth, 0);
  EXPECT_EQ(c.layers[5].depth, 1);
  EXPECT_EQ(c.layers[0].parameters, 8 * 9 + 8);
  EXPECT_EQ(c.layers[4].parameters, 8 * 8 * 9 + 8 + 16);
  EXPECT_EQ(c.parameters, (8 * 9 + 8) + 16 + (8 * 8 * 9 + 8 + 16) + (392 * 32 + 32) + (32 * 10 + 10));
  auto model = nn::make_model(spec, 784, 10);
  EXPECT_EQ(model->parameter_count(), c.parameters);
  EXPECT_EQ(model->forward(zeros(Shape{3, 784})).shape(), (Shape{3, 10}));
  EXPECT_TRUE(model->is_training());  // the shape probe leaves the layers in training mode
  // The residual block's parameters and the BatchNorm buffers carry PyTorch-style names.
  EXPECT_EQ(model->named_parameters()[4].first, "5.body.0.weight");
  EXPECT_EQ(model->named_buffers()[0].first, "2.running_mean");
}

TEST(NnSpec, MatchesTheSameModelBuiltByHand) {
  manual_seed(3);
  auto from_spec = nn::make_model("input(1,4,4)-conv(2,3)-relu-flatten-linear(3)", 16, 3);
  manual_seed(3);
  nn::Sequential by_hand{std::make_shared<nn::Reshape>(std::vector<int64_t>{1, 4, 4}),
                         std::make_shared<nn::Conv2d>(1, 2, 3), std::make_shared<nn::ReLU>(),
                         std::make_shared<nn::Flatten>(), std::make_shared<nn::Linear>(8, 3)};
  Tensor x = randn(Shape{2, 16});
  EXPECT_EQ(from_spec->forward(x).to_vector(), by_hand.forward(x).to_vector());
  // Rows stay rows: an MLP written as a layer spec, with BatchNorm1d.
  auto rows = nn::make_model("linear(16)-bn-tanh-linear(2)", 5, 2);
  EXPECT_EQ(rows->forward(zeros(Shape{4, 5})).shape(), (Shape{4, 2}));
  EXPECT_NE((*rows)[1].describe().find("BatchNorm1d(16"), std::string::npos);
}

TEST(NnSpec, ConvnetPresetIsItsLayerSpec) {
  EXPECT_EQ(nn::make_model("convnet", 784, 10)->describe(), nn::make_model(nn::kMnistConvnetSpec, 784, 10)->describe());
}

TEST(NnSpec, BadSpecsNameTheLayerThePositionAndTheReason) {
  struct Case {
    std::string spec, expected;
  };
  for (const Case& c : std::vector<Case>{
           {"conv(0,5)-relu-flatten-linear(10)", "layer 1 'conv(0,5)' at character 6: conv: channels"},
           {"conv(8,30)-flatten-linear(10)", "kernel 30x30 is larger than its 28x28 input"},
           {"conv(8,5)-maxpool(2)-conv(8,5)-maxpool(2)-conv(8,5)-flatten-linear(10)",
            "layer 5 'conv(8,5)' at character 43: conv: kernel 5x5 is larger than its 4x4 input"},
           {"conv(8,5)-relu-linear(10)", "layer 3 'linear(10)' at character 16: linear takes rows, got images 8x24x24"},
           {"conv(8,5-relu", "at character 9: expected ')' to close 'conv('"},
           {"conv(8,5))", "at character 10: ')' without a matching '('"},
           {"conv(8,5)--relu", "at character 11: expected a layer name, got '-'"},
           {"", "at character 1: expected a layer name at the end"},
           {"conv(8,5)-flatten-", "expected a layer name at the end"},
           {"conv(8,3,pads=1)", "conv has no option 'pads' (it takes channels, kernel, stride, pad, init)"},
           {"conv(8,3,pad=1,pad=2)", "'pad' given twice"},
           {"conv(8)", "conv needs a kernel size"},
           {"relu(2)", "relu takes at most 0 arguments"},
           {"flatten-linear(10)", "layer 1 'flatten' at character 1: flatten needs images"},
           {"linear(10)-conv(3,3)", "conv needs images (C, H, W), got rows of 10 features"},
           {"res(conv(8,3))-flatten-linear(10)", "res: the body turns 1x28x28 into 8x26x26"},
           {"conv(8,3)-flatten-linear(12)", "the last layer gives 12 per sample; the model needs 10 outputs"},
           {"dropout(1.5)-linear(10)", "dropout: p must be in [0, 1), got '1.5'"},
           {"linear(10,dropconnect=1)", "linear: dropconnect must be in [0, 1), got '1'"},
           {"linear(10,init=glorot)", "unknown initialiser 'glorot'"},
           {"conv(4,3,stride=0)", "stride must be an integer >= 1, got '0'"},
           {"softmax-linear(10)", "unknown layer 'softmax'"},
           {"input(1,20,20)-flatten-linear(10)", "input 1x20x20 has 400 values, the data has 784 per sample"},
           {"linear(10)-input(1,2,5)", "input(C, H, W) may only be the first layer"},
       }) {
    std::string e = error_of(c.spec);
    EXPECT_NE(e.find(c.expected), std::string::npos) << "spec '" << c.spec << "' gave: " << e;
    EXPECT_NE(e.find("model spec '" + c.spec + "'"), std::string::npos) << e;
  }
  EXPECT_NE(error_of("conv(8,3)-flatten-linear(10)", 300).find("300 input features are not a square"),
            std::string::npos);
  // The check reports the layers that fit and marks the failing one.
  nn::SpecCheck c = nn::check_layer_spec("conv(8,5)-relu-linear(10)", 784, 10);
  EXPECT_EQ(c.error_layer, 2);
  ASSERT_EQ(c.layers.size(), 3u);
  EXPECT_EQ(c.layers[1].output, (std::vector<int64_t>{8, 24, 24}));
  EXPECT_TRUE(c.layers[2].output.empty());
  EXPECT_EQ(c.error_position, 15u);
}

}  // namespace
}  // namespace nabla
