// Learning-rate schedules, counted in epochs as PyTorch's schedulers are when step() is called once per epoch.
// A Schedule is a value (what the Trainer, the CLI's --schedule and the JS Trainer's `schedule` option take);
// scheduled_lr is its pure closed form (so a page can plot it), and LRScheduler applies it to an optimizer.
// The optimizer owns the current rate; a schedule only remembers the rate it scales (PyTorch's initial_lr).
#pragma once
#include <cstdint>
#include <string>

#include "nabla/optim/optimizer.h"

namespace nabla::optim {

/// base * gamma^floor(epoch / step_size).
float step_lr(float base_lr, int64_t epoch, int64_t step_size, float gamma);
/// eta_min + (base - eta_min) (1 + cos(pi epoch / t_max)) / 2 (PyTorch's closed form; it rises again past t_max).
float cosine_lr(float base_lr, int64_t epoch, int64_t t_max, float eta_min = 0.0f);
/// base * (start + (1 - start) min(epoch, iters) / iters): PyTorch's LinearLR(start_factor, 1.0, total_iters).
float linear_warmup_lr(float base_lr, int64_t epoch, int64_t iters, float start_factor);

/// A schedule: an optional linear warmup over the first `warmup` epochs, then `kind` counted from the warmup's
/// end, as PyTorch's SequentialLR([LinearLR(start_factor, total_iters=warmup), main], milestones=[warmup]).
struct Schedule {
  enum class Kind { constant, step, cosine };
  Kind kind = Kind::constant;
  int64_t step_size = 0;  // step: decay every step_size epochs ...
  float gamma = 0.1f;     // ... by gamma
  int64_t t_max = 0;      // cosine: half period in epochs
  float eta_min = 0.0f;   // cosine: the lowest rate
  int64_t warmup = 0;     // warmup epochs (0: none)
  float warmup_start = 1.0f / 3.0f;  // the first epoch's factor, PyTorch's LinearLR default
};

/// The rate at `epoch` (0 = before the first epoch) for base rate `base`.
float scheduled_lr(const Schedule& s, float base, int64_t epoch);
/// ValueError naming the field: step_size > 0, 0 < gamma, t_max > 0, 0 <= eta_min, warmup >= 0,
/// 0 < warmup_start <= 1, all finite.
void check_schedule(const Schedule& s);
/// The text form the CLI and the JS API take, parsed and checked:
///   ""  or "constant"        no schedule
///   "step:S[,G]"             StepLR(step_size=S, gamma=G = 0.1)
///   "cosine:T[,E]"           CosineAnnealingLR(T_max=T, eta_min=E = 0)
///   "warmup:N[,F]"           LinearLR(start_factor=F = 1/3, total_iters=N), then constant
///   "warmup:N[,F]+step:..." or "warmup:N[,F]+cosine:..."   the warmup, then the other (SequentialLR)
/// ValueError "schedule 'step:0': step_size must be a positive integer, got '0'" naming the field otherwise.
Schedule parse_schedule(const std::string& text);
/// The text form of a schedule, numbers to 6 significant digits (what parse_schedule reads back).
std::string schedule_str(const Schedule& s);

/// Applies a schedule to an optimizer: the constructor takes the optimizer's rate as the base and sets the
/// epoch-0 rate; step() at the end of each epoch sets the next one.
class LRScheduler {
 public:
  LRScheduler(Optimizer& optimizer, Schedule schedule);
  void step();
  int64_t epoch() const { return epoch_; }

 private:
  Optimizer& optimizer_;
  Schedule schedule_;
  float base_lr_;
  int64_t epoch_ = 0;
};

}  // namespace nabla::optim
