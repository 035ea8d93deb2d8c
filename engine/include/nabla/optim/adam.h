// Adam and AdamW, as torch.optim.Adam / AdamW (one implementation; AdamW is Adam with decoupled weight decay):
//   Adam:  g = grad + wd p                AdamW: p -= lr wd p, g = grad
//   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;  m^ = m / (1 - b1^t);  v^ = v / (1 - b2^t)
//   p -= lr m^ / (sqrt(v^) + eps)
#pragma once
#include <cstdint>
#include <vector>

#include "nabla/optim/optimizer.h"

namespace nabla::optim {

struct AdamOptions {
  float lr = 1e-3f;
  float beta1 = 0.9f;
  float beta2 = 0.999f;
  float eps = 1e-8f;
  float weight_decay = 0.0f;
  /// Decay the weights directly (AdamW) instead of adding wd p to the gradient (L2, Adam).
  bool decoupled_weight_decay = false;
};

class Adam : public OptimizerWith<AdamOptions> {
 public:
  /// ValueError for negative lr/eps/weight_decay or betas outside [0, 1).
  Adam(std::vector<Tensor> params, AdamOptions options = {});
  void step() override;

 private:
  struct State {
    int64_t step = 0;
    std::vector<float> m, v;
  };
  std::vector<State> state_;
};

struct AdamWOptions {
  float lr = 1e-3f;
  float beta1 = 0.9f;
  float beta2 = 0.999f;
  float eps = 1e-8f;
  float weight_decay = 1e-2f;  // PyTorch's AdamW default
};

/// Adam with decoupled weight decay (Loshchilov & Hutter).
class AdamW : public Adam {
 public:
  AdamW(std::vector<Tensor> params, AdamWOptions options = {});
};

}  // namespace nabla::optim
