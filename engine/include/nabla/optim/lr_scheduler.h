// Learning-rate schedules. Each is a pure function of the epoch (so a page can plot it) and a small class
// that sets an optimizer's learning rate when step() is called at the end of each epoch, as in PyTorch.
#pragma once
#include <cstdint>

#include "nabla/optim/optimizer.h"

namespace nabla::optim {

/// base * gamma^floor(epoch / step_size).
float step_lr(float base_lr, int64_t epoch, int64_t step_size, float gamma);
/// eta_min + (base - eta_min) (1 + cos(pi epoch / t_max)) / 2 (PyTorch's closed form; it rises again past t_max).
float cosine_lr(float base_lr, int64_t epoch, int64_t t_max, float eta_min = 0.0f);

class StepLR {
 public:
  /// ValueError unless step_size > 0 and gamma > 0.
  StepLR(Optimizer& optimizer, int64_t step_size, float gamma = 0.1f);
  /// Advances one epoch and sets the optimizer's learning rate.
  void step();
  int64_t epoch() const { return epoch_; }

 private:
  Optimizer& optimizer_;
  float base_lr_;
  int64_t step_size_;
  float gamma_;
  int64_t epoch_ = 0;
};

class CosineAnnealingLR {
 public:
  /// ValueError unless t_max > 0.
  CosineAnnealingLR(Optimizer& optimizer, int64_t t_max, float eta_min = 0.0f);
  void step();
  int64_t epoch() const { return epoch_; }

 private:
  Optimizer& optimizer_;
  float base_lr_;
  int64_t t_max_;
  float eta_min_;
  int64_t epoch_ = 0;
};

}  // namespace nabla::optim
