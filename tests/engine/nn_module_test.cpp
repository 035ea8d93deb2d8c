// Module bookkeeping, seeded initialisation, and the preset models and their spec parser.
#include <gtest/gtest.h>

#include <cmath>

#include "nabla/nabla.h"
#include "sample_data.h"

namespace nabla {
namespace {

using testing::max_abs;
using testing::std_of;

TEST(NnModule, NamedParametersAreDottedAndCounted) {
  auto model = nn::make_mlp(2, {16, 16}, 3, "tanh");
  auto named = model->named_parameters();
  ASSERT_EQ(named.size(), 6u);
  EXPECT_EQ(named[0].first, "0.weight");
  EXPECT_EQ(named[1].first, "0.bias");
  EXPECT_EQ(named[2].first, "2.weight");
  EXPECT_EQ(named[5].first, "4.bias");
  EXPECT_EQ(model->parameter_count(), 2 * 16 + 16 + 16 * 16 + 16 + 16 * 3 + 3);
  for (const auto& [name, p] : named) EXPECT_TRUE(p.requires_grad()) << name;
}

TEST(NnModule, TrainAndEvalReachEveryChild) {
  auto model = nn::make_mlp(4, {8}, 2, "relu", 0.5f);
  model->eval();
  EXPECT_FALSE(model->is_training());
  for (const auto& [name, child] : model->children()) EXPECT_FALSE(child->is_training()) << name;
  model->train();
  for (const auto& [name, child] : model->children()) EXPECT_TRUE(child->is_training()) << name;
}

TEST(NnModule, ZeroGradForgetsEveryGradient) {
  nn::Linear layer(3, 2);
  sum(layer(ones(Shape{1, 3}))).backward();
  EXPECT_TRUE(layer.weight.grad().defined());
  layer.zero_grad();
  EXPECT_FALSE(layer.weight.grad().defined());
  EXPECT_FALSE(layer.bias.grad().defined());
}

TEST(NnModule, SameSeedGivesTheSameModelBitForBit) {
  auto build = [](uint64_t seed) {
    manual_seed(seed);
    return nn::make_mlp(5, {7, 6}, 3, std::vector<std::string>{"relu", "gelu"});
  };
  auto a = build(42), b = build(42), c = build(43);
  auto pa = a->parameters(), pb = b->parameters(), pc = c->parameters();
  bool any_differs = false;
  for (size_t i = 0; i < pa.size(); ++i) {
    EXPECT_EQ(pa[i].to_vector(), pb[i].to_vector()) << i;  // exact float equality
    any_differs = any_differs || pa[i].to_vector() != pc[i].to_vector();
  }
  EXPECT_TRUE(any_differs);
}

TEST(NnModule, LinearDefaultInitIsBoundedByInverseSqrtFanIn) {
  nn::Linear layer(100, 50);
  float bound = 1.0f / 10.0f;
  EXPECT_LE(max_abs(layer.weight), bound);
  EXPECT_GT(max_abs(layer.weight), 0.95f * bound);
  EXPECT_THROW(nn::Linear(0, 3), ValueError);
  EXPECT_FALSE(nn::Linear(3, 2, {.bias = false}).bias.defined());
}


TEST(NnInit, XavierAndKaimingHaveTheirVariances) {
  // 400 x 600 samples: the sample standard deviation is within ~0.2% of the true one.
  Tensor w = Tensor::empty(Shape{400, 600});
  nn::init::xavier_uniform_(w);
  EXPECT_NEAR(std_of(w), std::sqrt(2.0 / 1000), 0.01 * std::sqrt(2.0 / 1000));
  nn::init::xavier_normal_(w, 2.0f);
  EXPECT_NEAR(std_of(w), 2 * std::sqrt(2.0 / 1000), 0.02 * std::sqrt(2.0 / 1000));
  nn::init::kaiming_uniform_(w, 0, nn::init::FanMode::fan_in, "relu");
  EXPECT_NEAR(std_of(w), std::sqrt(2.0 / 600), 0.01 * std::sqrt(2.0 / 600));
  nn::init::kaiming_normal_(w, 0, nn::init::FanMode::fan_out, "relu");
  EXPECT_NEAR(std_of(w), std::sqrt(2.0 / 400), 0.01 * std::sqrt(2.0 / 400));
  float a = std::sqrt(6.0f / 1000);
  nn::init::xavier_uniform_(w);
  for (float v : w.to_vector()) ASSERT_LE(std::abs(v), a);
}

TEST(NnInit, ConvolutionFansIncludeTheReceptiveField) {
  auto [in, out] = nn::init::fans(Tensor::empty(Shape{16, 8, 5, 5}));
  EXPECT_EQ(in, 8 * 25);
  EXPECT_EQ(out, 16 * 25);
  EXPECT_THROW(nn::init::fans(Tensor::empty(Shape{5})), ValueError);
  EXPECT_THROW(nn::init::calculate_gain("swish"), ValueError);
  EXPECT_FLOAT_EQ(nn::init::calculate_gain("tanh"), 5.0f / 3.0f);
}

TEST(NnInit, SeededGeneratorGivesRepeatableWeights) {
  Tensor a = Tensor::empty(Shape{3, 4}), b = Tensor::empty(Shape{3, 4});
  Generator g1(7), g2(7);
  nn::init::kaiming_normal_(a, 0, nn::init::FanMode::fan_in, "relu", g1);
  nn::init::kaiming_normal_(b, 0, nn::init::FanMode::fan_in, "relu", g2);
  EXPECT_EQ(a.to_vector(), b.to_vector());
}

TEST(NnPresets, MlpHonoursPerLayerActivationsAndDropout) {
  auto m = nn::make_mlp(2, {4, 4, 4}, 1, std::vector<std::string>{"tanh", "linear", "leaky_relu"}, 0.1f);
  // Linear, Tanh, Dropout, Linear, Dropout, Linear, LeakyReLU, Dropout, Linear
  ASSERT_EQ(m->size(), 9u);
  EXPECT_EQ((*m)[1].describe(), "Tanh()");
  EXPECT_EQ((*m)[4].describe().rfind("Dropout", 0), 0u);
  EXPECT_EQ((*m)(zeros(Shape{5, 2})).shape(), (Shape{5, 1}));
  EXPECT_THROW(nn::make_mlp(2, {4, 4}, 1, std::vector<std::string>{"relu", "relu", "relu"}), ValueError);
  EXPECT_THROW(nn::make_mlp(2, {4}, 1, "relu", 1.0f), ValueError);
  EXPECT_THROW(nn::make_mlp(2, {0}, 1, "relu"), ValueError);
}

TEST(NnPresets, SpecParserReadsSizesActivationsAndDropout) {
  auto s = nn::parse_model_spec("mlp:256,128:relu");
  EXPECT_EQ(s.kind, "mlp");
  EXPECT_EQ(s.hidden, (std::vector<int64_t>{256, 128}));
  EXPECT_EQ(s.activations, (std::vector<std::string>{"relu"}));
  s = nn::parse_model_spec("mlp:8,8:tanh,gelu:0.25");
  EXPECT_EQ(s.activations, (std::vector<std::string>{"tanh", "gelu"}));
  EXPECT_FLOAT_EQ(s.dropout, 0.25f);
  EXPECT_TRUE(nn::parse_model_spec("mlp").hidden.empty());
  EXPECT_EQ(nn::parse_model_spec("convnet").kind, "convnet");
  EXPECT_EQ(nn::make_model("mlp:16,16", 2, 2)->parameter_count(), 2 * 16 + 16 + 16 * 16 + 16 + 16 * 2 + 2);
  for (const char* bad : {"mlp:16,x", "mlp:0", "mlp:4:swish", "mlp:4,4:relu,relu,relu", "mlp:4:relu:1.5",
                          "resnet", "convnet:3", "mlp:4:relu:0.1:9"})
    EXPECT_THROW(nn::parse_model_spec(bad), ValueError) << bad;
  EXPECT_THROW(nn::make_model("convnet", 2, 2), ValueError);
}

}  // namespace
}  // namespace nabla
