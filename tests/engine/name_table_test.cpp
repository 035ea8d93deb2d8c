// The name tables of the activations, losses and optimizers: every spelling resolves to its kind, the kinds
// come in the enum's order, and an unknown name is refused with the choices.
#include <gtest/gtest.h>

#include "expect_error.h"
#include "nabla/nn/activation.h"
#include "nabla/nn/trainer.h"
#include "nabla/optim/factory.h"

namespace nabla {
namespace {

using testing::expect_error;

TEST(NameTable, EverySpellingResolvesToItsKindInTheEnumsOrder) {
  const auto& acts = nn::activation_names();
  EXPECT_EQ(acts.find("leaky_relu"), nn::ActivationKind::leaky_relu);
  EXPECT_EQ(acts.find("leakyRelu"), nn::ActivationKind::leaky_relu);
  EXPECT_EQ(acts.find("leaky"), nn::ActivationKind::leaky_relu);
  EXPECT_EQ(acts.find("linear"), nn::ActivationKind::linear);
  EXPECT_FALSE(acts.find(""));
  EXPECT_FALSE(acts.find("swish"));
  EXPECT_STREQ(acts.js_name(nn::ActivationKind::gelu), "gelu");
  EXPECT_EQ(acts.choices(true), "relu, leakyRelu, tanh, sigmoid, gelu, linear");

  EXPECT_EQ(nn::parse_loss_kind("multi_margin"), nn::LossKind::hinge);
  EXPECT_EQ(nn::parse_loss_kind("multiMargin"), nn::LossKind::hinge);
  EXPECT_EQ(nn::parse_loss_kind("xent"), nn::LossKind::cross_entropy);
  EXPECT_STREQ(nn::loss_kind_name(nn::LossKind::bce), "bce");
  EXPECT_STREQ(nn::loss_names().js_name(nn::LossKind::bce), "binaryCrossEntropy");

  EXPECT_EQ(optim::optimizer_names().find("adamw"), optim::OptimizerKind::adamw);
  EXPECT_STREQ(optim::optimizer_names().name(optim::OptimizerKind::rmsprop), "rmsprop");
}

TEST(NameTable, UnknownNamesAreRefusedWithTheChoices) {
  expect_error<ValueError>([] { nn::parse_loss_kind("l1"); },
                           "Trainer: loss: unknown name 'l1' (expected one of cross_entropy, mse, hinge, bce)");
  expect_error<ValueError>([] { optim::optimizer_names().parse("lbfgs"); },
                           "optimizer: unknown name 'lbfgs' (expected one of sgd, rmsprop, adam, adamw)");
  expect_error<ValueError>([] { nn::make_activation("swish"); },
                           "(expected one of relu, leaky_relu, tanh, sigmoid, gelu, linear or a registered user op)");
}

}  // namespace
}  // namespace nabla
