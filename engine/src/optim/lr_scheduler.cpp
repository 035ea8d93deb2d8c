// Step and cosine learning-rate schedules.
#include "nabla/optim/lr_scheduler.h"

#include <cmath>
#include <string>

#include "nabla/error.h"

namespace nabla::optim {

float step_lr(float base_lr, int64_t epoch, int64_t step_size, float gamma) {
  return float(double(base_lr) * std::pow(double(gamma), double(epoch / step_size)));
}

float cosine_lr(float base_lr, int64_t epoch, int64_t t_max, float eta_min) {
  const double pi = 3.14159265358979323846;
  return float(eta_min + (double(base_lr) - eta_min) * (1 + std::cos(pi * double(epoch) / double(t_max))) / 2);
}

StepLR::StepLR(Optimizer& optimizer, int64_t step_size, float gamma)
    : optimizer_(optimizer), base_lr_(optimizer.lr()), step_size_(step_size), gamma_(gamma) {
  if (step_size <= 0 || !(gamma > 0))
    throw ValueError("StepLR: need step_size > 0 and gamma > 0, got " + std::to_string(step_size) + " and " +
                     std::to_string(gamma));
}

void StepLR::step() { optimizer_.set_lr(step_lr(base_lr_, ++epoch_, step_size_, gamma_)); }

CosineAnnealingLR::CosineAnnealingLR(Optimizer& optimizer, int64_t t_max, float eta_min)
    : optimizer_(optimizer), base_lr_(optimizer.lr()), t_max_(t_max), eta_min_(eta_min) {
  if (t_max <= 0) throw ValueError("CosineAnnealingLR: t_max must be > 0, got " + std::to_string(t_max));
  if (!(eta_min >= 0)) throw ValueError("CosineAnnealingLR: eta_min must be >= 0, got " + std::to_string(eta_min));
}

void CosineAnnealingLR::step() { optimizer_.set_lr(cosine_lr(base_lr_, ++epoch_, t_max_, eta_min_)); }

}  // namespace nabla::optim
