// Optimizer base: parameter list and learning rate.
#include "nabla/optim/optimizer.h"

#include <cmath>
#include <string>

#include "nabla/error.h"

namespace nabla::optim {

Optimizer::Optimizer(std::vector<Tensor> params, float lr) : params_(std::move(params)), lr_(0) {
  for (size_t i = 0; i < params_.size(); ++i)
    if (!params_[i].defined() || !params_[i].is_leaf() || !params_[i].requires_grad())
      throw ValueError("optimizer: parameter " + std::to_string(i) +
                       " is not a leaf tensor that requires grad");
  set_lr(lr);
}

void Optimizer::set_lr(float lr) {
  if (!(lr >= 0.0f) || !std::isfinite(lr))
    throw ValueError("optimizer: learning rate must be finite and >= 0, got " + std::to_string(lr));
  lr_ = lr;
}

void Optimizer::zero_grad() {
  for (Tensor& p : params_) p.zero_grad();
}

}  // namespace nabla::optim
