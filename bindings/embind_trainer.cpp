// Embind: nn::Trainer, the whole training loop in C++ (one JS call for many steps), for bindings/js/trainer.js.
// Only conversions here: flat JS arrays to rows, JS numbers to the engine's integer types, results to JS
// objects; the Trainer owns activations, setWeight, gradients and every setting.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <memory>
#include <string>

#include "convert.h"
#include "js_error.h"
#include "nabla/nabla.h"

using emscripten::val;
using nabla::Tensor;
using nabla::nn::Trainer;
using namespace nabla::bindings;

namespace {

using ModulePtr = std::shared_ptr<nabla::nn::Module>;
using TrainerPtr = std::shared_ptr<Trainer>;

// Targets y of n rows: (n) labels or targets, or (n, k) targets.
Tensor targets_of(const val& y, int n) {
  Tensor t = rows_of(y, n, "trainer: y");
  return t.shape()[1] == 1 ? nabla::reshape(t, {n}) : t;
}

val metrics_to_js(const nabla::nn::Metrics& m) {
  val o = val::object();
  o.set("loss", m.loss);
  o.set("accuracy", m.accuracy);
  return o;
}

// A loss by any spelling of the engine's one table (nn::loss_names).
nabla::nn::LossKind loss_of(const std::string& js_name) {
  if (auto kind = nabla::nn::loss_names().find(js_name)) return *kind;
  throw nabla::ValueError("unknown loss \"" + js_name + "\" (expected one of " + nabla::nn::loss_names().choices(true) +
                          ")");
}

TrainerPtr make_trainer(const ModulePtr& model, const std::string& loss, const std::string& optimizer,
                        const val& optimizer_options, const std::string& schedule, float l1, float l2,
                        int batch_size, double seed) {
  return guarded([&] {
    nabla::nn::TrainerOptions o;
    o.loss = loss_of(loss);
    o.optimizer = optimizer_config(optimizer, optimizer_options);
    o.schedule = nabla::optim::parse_schedule(schedule);
    o.l1 = l1;
    o.l2 = l2;
    o.batch_size = batch_size;
    o.seed = seed_of(seed, "trainer");
    return std::make_shared<Trainer>(model, o);
  });
}

void set_data(Trainer& t, const val& x, const val& y, int n) {
  guarded([&] { t.set_data(rows_of(x, n, "trainer"), targets_of(y, n)); });
}
val step(Trainer& t, int n) {
  return guarded([&] {
    nabla::nn::Metrics m = t.step(n);
    val o = metrics_to_js(m);
    o.set("steps", static_cast<double>(t.steps_done()));
    // A copy (slice), so the array outlives m and any growth of the heap.
    o.set("gradNorms", val(emscripten::typed_memory_view(m.grad_norms.size(), m.grad_norms.data())).call<val>("slice"));
    return o;
  });
}
val evaluate(Trainer& t, const val& x, const val& y, int n) {
  return guarded([&] { return metrics_to_js(t.evaluate(rows_of(x, n, "trainer"), targets_of(y, n))); });
}
Tensor predict(Trainer& t, const val& x, int n) { return guarded([&] { return t.predict(rows_of(x, n, "trainer")); }); }
val activations(Trainer& t, const val& x, int n) {
  return guarded([&] { return named_to_js(t.activations(rows_of(x, n, "trainer"))); });
}
val named_parameters(const Trainer& t) { return named_to_js(t.named_parameters()); }
val gradients(const Trainer& t) { return named_to_js(t.named_gradients()); }
void set_weight(Trainer& t, const std::string& name, double index, float value) {
  guarded([&] {
    if (!(std::isfinite(index) && index == std::floor(index) && std::abs(index) < 9.0e15))
      throw nabla::IndexError("setWeight: index " + number_str(index) + " is not a whole number");
    t.set_weight(name, static_cast<int64_t>(index), value);
  });
}
void set_optimizer(Trainer& t, const std::string& name, const val& o) {
  guarded([&] { t.set_optimizer(optimizer_config(name, o)); });
}
void set_lr(Trainer& t, float lr) { guarded([&] { t.set_lr(lr); }); }
float current_lr(const Trainer& t) { return t.optimizer().lr(); }
void set_schedule(Trainer& t, const std::string& s) {
  guarded([&] { t.set_schedule(nabla::optim::parse_schedule(s)); });
}
std::string schedule_of(const Trainer& t) { return nabla::optim::schedule_str(t.options().schedule); }
void set_loss(Trainer& t, const std::string& loss) { guarded([&] { t.set_loss(loss_of(loss)); }); }
void set_regularization(Trainer& t, float l1, float l2) { guarded([&] { t.set_regularization(l1, l2); }); }
void set_batch_size(Trainer& t, int b) { guarded([&] { t.set_batch_size(b); }); }

}  // namespace

EMSCRIPTEN_BINDINGS(nabla_trainer) {
  using namespace emscripten;
  class_<Trainer>("_Trainer")
      .smart_ptr<TrainerPtr>("_TrainerPtr")
      .function("setData", &set_data)
      .function("step", &step)
      .function("evaluate", &evaluate)
      .function("predict", &predict)
      .function("activations", &activations)
      .function("namedParameters", &named_parameters)
      .function("gradients", &gradients)
      .function("setWeight", &set_weight)
      .function("setOptimizer", &set_optimizer)
      .function("setLearningRate", &set_lr)
      .function("learningRate", &current_lr)
      .function("setSchedule", &set_schedule)
      .function("schedule", &schedule_of)
      .function("setLoss", &set_loss)
      .function("setRegularization", &set_regularization)
      .function("setBatchSize", &set_batch_size)
      .function("model", &Trainer::model_ptr);

  function("_trainer", &make_trainer);
}
