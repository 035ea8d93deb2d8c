// Stochastic gradient descent with momentum, Nesterov momentum and (coupled) weight decay, as torch.optim.SGD:
//   g = grad + wd p;  b = mu b + (1 - dampening) g (b = g at the first step);
//   d = nesterov ? g + mu b : b (or g when mu = 0);  p -= lr d
#pragma once
#include <vector>

#include "nabla/optim/optimizer.h"

namespace nabla::optim {

struct SGDOptions {
  float lr = 0.01f;
  float momentum = 0.0f;
  float dampening = 0.0f;
  float weight_decay = 0.0f;
  bool nesterov = false;
};

class SGD : public OptimizerWith<SGDOptions> {
 public:
  /// ValueError for negative lr/momentum/weight_decay, or nesterov without momentum or with dampening.
  SGD(std::vector<Tensor> params, SGDOptions options = {});
  void step() override;

 private:
  std::vector<std::vector<float>> momentum_;  // one buffer per parameter, empty until its first step
};

}  // namespace nabla::optim
