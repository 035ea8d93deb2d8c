// Embind: optim::Optimizer (step, zeroGrad, the learning rate) and _optimizer(name, params, options), the
// one place JS optimizer settings become an engine optimizer (through convert.h's optimizer_config); the
// learning-rate schedules' text form (_scheduleRates, _scheduleText).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <string>
#include <vector>

#include "convert.h"
#include "js_error.h"
#include "nabla/nabla.h"

using emscripten::val;
using nabla::Tensor;
using namespace nabla::bindings;

using OptimizerPtr = std::shared_ptr<nabla::optim::Optimizer>;

namespace {

OptimizerPtr make_optimizer_of(const std::string& name, const val& params, const val& options) {
  return guarded([&]() -> OptimizerPtr {
    std::vector<Tensor> ps;
    const int n = params["length"].as<int>();
    for (int i = 0; i < n; ++i) ps.push_back(params[i].as<Tensor>());
    return nabla::optim::make_optimizer(optimizer_config(name, options), ps);
  });
}
void optimizer_step(nabla::optim::Optimizer& o) { guarded([&] { o.step(); }); }
void optimizer_zero_grad(nabla::optim::Optimizer& o) { o.zero_grad(); }
float optimizer_lr(const nabla::optim::Optimizer& o) { return o.lr(); }
void optimizer_set_lr(nabla::optim::Optimizer& o, float lr) { guarded([&] { o.set_lr(lr); }); }

// The rates of a schedule's text form for epochs 0..epochs-1 (what a page plots), or its NablaError.
val schedule_rates(const std::string& text, float base, int epochs) {
  return guarded([&] {
    const nabla::optim::Schedule s = nabla::optim::parse_schedule(text);
    val out = val::array();
    for (int e = 0; e < epochs; ++e) out.call<void>("push", nabla::optim::scheduled_lr(s, base, e));
    return out;
  });
}
std::string schedule_text(const std::string& text) {
  return guarded([&] { return nabla::optim::schedule_str(nabla::optim::parse_schedule(text)); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(nabla_optim) {
  using namespace emscripten;
  class_<nabla::optim::Optimizer>("_Optimizer")
      .smart_ptr<OptimizerPtr>("_OptimizerPtr")
      .function("step", &optimizer_step)
      .function("zeroGrad", &optimizer_zero_grad)
      .function("lr", &optimizer_lr)
      .function("setLr", &optimizer_set_lr);

  function("_optimizer", &make_optimizer_of);
  function("_scheduleRates", &schedule_rates);
  function("_scheduleText", &schedule_text);
}
