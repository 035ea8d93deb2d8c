// Dropout module: the dropout op, told whether the module is training.
#include "nabla/nn/dropout.h"

#include <string>

#include "nabla/error.h"
#include "nabla/ops/dropout.h"

namespace nabla::nn {

Dropout::Dropout(float p) : p_(p) {
  if (!(p >= 0.0f && p < 1.0f)) throw ValueError("Dropout: p must be in [0, 1), got " + std::to_string(p));
}

Tensor Dropout::forward(const Tensor& x) { return dropout(x, p_, is_training()); }

std::string Dropout::describe() const { return "Dropout(p=" + std::to_string(p_) + ")"; }

}  // namespace nabla::nn
