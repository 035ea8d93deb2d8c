// Dropout as a module: active in training mode, the identity in evaluation mode.
#pragma once
#include "nabla/nn/module.h"

namespace nabla::nn {

class Dropout : public Module {
 public:
  /// ValueError unless 0 <= p < 1.
  explicit Dropout(float p = 0.5f);
  Tensor forward(const Tensor& x) override;
  std::string describe() const override;
  float p() const { return p_; }

 private:
  float p_;
};

}  // namespace nabla::nn
