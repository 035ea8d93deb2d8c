// RMSProp, as torch.optim.RMSprop:
//   g = grad + wd p;  v = alpha v + (1 - alpha) g^2;  avg = sqrt(v) + eps
//   (centered: m = alpha m + (1 - alpha) g, avg = sqrt(v - m^2) + eps)
//   momentum > 0: b = mu b + g / avg, p -= lr b;  otherwise p -= lr g / avg
#pragma once
#include <vector>

#include "nabla/optim/optimizer.h"

namespace nabla::optim {

struct RMSpropOptions {
  float lr = 0.01f;
  float alpha = 0.99f;
  float eps = 1e-8f;
  float weight_decay = 0.0f;
  float momentum = 0.0f;
  bool centered = false;
};

class RMSprop : public OptimizerWith<RMSpropOptions> {
 public:
  RMSprop(std::vector<Tensor> params, RMSpropOptions options = {});
  void step() override;

 private:
  struct State {
    std::vector<float> square_avg, grad_avg, momentum;
  };
  std::vector<State> state_;
};

}  // namespace nabla::optim
