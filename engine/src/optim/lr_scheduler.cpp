// Step, cosine and linear-warmup learning-rate schedules, their text form and their checks.
#include "nabla/optim/lr_scheduler.h"

#include <cmath>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "nabla/error.h"
#include "nabla/text.h"

namespace nabla::optim {

float step_lr(float base_lr, int64_t epoch, int64_t step_size, float gamma) {
  return float(double(base_lr) * std::pow(double(gamma), double(epoch / step_size)));
}

float cosine_lr(float base_lr, int64_t epoch, int64_t t_max, float eta_min) {
  const double pi = 3.14159265358979323846;
  return float(eta_min + (double(base_lr) - eta_min) * (1 + std::cos(pi * double(epoch) / double(t_max))) / 2);
}

float linear_warmup_lr(float base_lr, int64_t epoch, int64_t iters, float start_factor) {
  const double done = double(std::min(epoch, iters)) / double(iters);
  return float(double(base_lr) * (start_factor + (1.0 - start_factor) * done));
}

float scheduled_lr(const Schedule& s, float base, int64_t epoch) {
  if (epoch < s.warmup) return linear_warmup_lr(base, epoch, s.warmup, s.warmup_start);
  const int64_t t = epoch - s.warmup;
  switch (s.kind) {
    case Schedule::Kind::step: return step_lr(base, t, s.step_size, s.gamma);
    case Schedule::Kind::cosine: return cosine_lr(base, t, s.t_max, s.eta_min);
    case Schedule::Kind::constant: break;
  }
  return base;
}

namespace {

std::string num(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}

ValueError field_error(const std::string& text, const std::string& field, const std::string& need,
                       const std::string& got) {
  return ValueError("schedule '" + text + "': " + field + " must be " + need + ", got '" + got + "'");
}

void check(bool ok, const std::string& text, const char* field, const char* need, double got) {
  if (!ok) throw field_error(text, field, need, num(got));
}

int64_t integer_field(const std::string& text, const std::string& v, const char* field) {
  char* end = nullptr;
  long long n = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || n <= 0) throw field_error(text, field, "a positive integer", v);
  return n;
}

float number_field(const std::string& text, const std::string& v, const char* field, const char* need) {
  char* end = nullptr;
  double x = std::strtod(v.c_str(), &end);
  if (v.empty() || *end != '\0' || !std::isfinite(x)) throw field_error(text, field, need, v);
  return float(x);
}

void check_schedule(const Schedule& s, const std::string& text) {
  if (s.kind == Schedule::Kind::step) {
    check(s.step_size > 0, text, "step_size", "a positive integer", double(s.step_size));
    check(std::isfinite(s.gamma) && s.gamma > 0, text, "gamma", "a number > 0", s.gamma);
  }
  if (s.kind == Schedule::Kind::cosine) {
    check(s.t_max > 0, text, "T_max", "a positive integer", double(s.t_max));
    check(std::isfinite(s.eta_min) && s.eta_min >= 0, text, "eta_min", "a number >= 0", s.eta_min);
  }
  check(s.warmup >= 0, text, "warmup", "a non-negative integer", double(s.warmup));
  check(std::isfinite(s.warmup_start) && s.warmup_start > 0 && s.warmup_start <= 1, text, "start_factor",
        "a number in (0, 1]", s.warmup_start);
}

}  // namespace

void check_schedule(const Schedule& s) { check_schedule(s, schedule_str(s)); }

Schedule parse_schedule(const std::string& text) {
  Schedule s;
  if (text.empty() || text == "constant") return s;
  const std::string usage =
      " (expected step:S[,G], cosine:T[,ETA_MIN], warmup:N[,START_FACTOR], or warmup:N[,F]+step:.. or +cosine:..)";
  auto warmup_first = [&](const std::string& why) {
    return ValueError("schedule '" + text + "': " + why + ": 'warmup:N+cosine:T')" + usage);
  };
  std::vector<std::string> parts = split(text, '+');
  if (parts.size() > 2)
    throw ValueError("schedule '" + text + "': at most one '+' (a warmup, then one schedule)" + usage);
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    const size_t colon = part.find(':');
    const std::string kind = part.substr(0, colon);
    std::vector<std::string> args;
    if (colon != std::string::npos) args = split(part.substr(colon + 1), ',');
    auto arity = [&](size_t lo, size_t hi) {
      if (args.size() < lo || args.size() > hi)
        throw ValueError("schedule '" + text + "': " + kind + " takes " + std::to_string(lo) + " or " +
                         std::to_string(hi) + " numbers, got " + std::to_string(args.size()) + usage);
    };
    if (kind == "warmup") {
      if (i != 0) throw warmup_first("the warmup comes first");
      arity(1, 2);
      s.warmup = integer_field(text, args[0], "warmup");
      if (args.size() == 2) s.warmup_start = number_field(text, args[1], "start_factor", "a number in (0, 1]");
    } else if (kind == "step" || kind == "cosine") {
      if (i == 0 && parts.size() == 2) throw warmup_first("only a warmup may come before '+' (the warmup comes first");
      arity(1, 2);
      const bool step = kind == "step";
      s.kind = step ? Schedule::Kind::step : Schedule::Kind::cosine;
      (step ? s.step_size : s.t_max) = integer_field(text, args[0], step ? "step_size" : "T_max");
      if (args.size() == 2)
        (step ? s.gamma : s.eta_min) =
            number_field(text, args[1], step ? "gamma" : "eta_min", step ? "a number > 0" : "a number >= 0");
    } else {
      throw ValueError("schedule '" + text + "': unknown schedule '" + kind + "'" + usage);
    }
  }
  check_schedule(s, text);
  return s;
}

std::string schedule_str(const Schedule& s) {
  std::string out;
  if (s.warmup > 0) out = "warmup:" + std::to_string(s.warmup) + "," + num(s.warmup_start);
  std::string main;
  if (s.kind == Schedule::Kind::step) main = "step:" + std::to_string(s.step_size) + "," + num(s.gamma);
  if (s.kind == Schedule::Kind::cosine) main = "cosine:" + std::to_string(s.t_max) + "," + num(s.eta_min);
  if (!main.empty()) out += (out.empty() ? "" : "+") + main;
  return out.empty() ? "constant" : out;
}

LRScheduler::LRScheduler(Optimizer& optimizer, Schedule schedule)
    : optimizer_(optimizer), schedule_(schedule), base_lr_(optimizer.lr()) {
  check_schedule(schedule_);
  optimizer_.set_lr(scheduled_lr(schedule_, base_lr_, 0));
}

void LRScheduler::step() { optimizer_.set_lr(scheduled_lr(schedule_, base_lr_, ++epoch_)); }

}  // namespace nabla::optim
