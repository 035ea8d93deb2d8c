// The toy sets by name, for the CLI and the bindings (one table, so --data and nb.data know the same sets
// with the same defaults), and the seeded train/test split.
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <string>

#include "nabla/data/dataset.h"
#include "nabla/error.h"
#include "nabla/tensor/random.h"

namespace nabla {

namespace {

struct Toy {
  float noise;  // the set's default noise
  std::function<Dataset(const ToyOptions&, float)> make;
};

const std::map<std::string, Toy>& toys() {
  static const std::map<std::string, Toy> table = {
      {"moons", {0.1f, [](const ToyOptions& o, float e) { return make_moons(o.n, e, o.seed); }}},
      {"circles", {0.05f, [](const ToyOptions& o, float e) { return make_circles(o.n, e, o.seed, o.extra.value_or(0.5f)); }}},
      {"spiral", {0.1f, [](const ToyOptions& o, float e) { return make_spiral(o.n, o.classes, e, o.seed); }}},
      {"xor", {0.1f, [](const ToyOptions& o, float e) { return make_xor(o.n, e, o.seed); }}},
      {"blobs", {0.5f, [](const ToyOptions& o, float e) { return make_blobs(o.n, o.classes, e, o.seed, o.extra.value_or(2.0f)); }}},
      {"plane", {0.1f, [](const ToyOptions& o, float e) { return make_plane(o.n, e, o.seed); }}},
      {"gaussians", {0.1f, [](const ToyOptions& o, float e) { return make_gaussians(o.n, e, o.seed); }}},
      {"waves", {0.1f, [](const ToyOptions& o, float e) { return make_waves(o.n, e, o.seed); }}},
      {"uniform", {0.1f, [](const ToyOptions& o, float e) { return make_uniform(o.n, e, o.seed); }}},
      {"regression", {0.1f, [](const ToyOptions& o, float e) { return make_regression(o.n, o.classes, e, o.seed, o.nonlinear); }}},
  };
  return table;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Rows `order[from .. to)` of t, whose first dimension is the row.
Tensor rows_of(const Tensor& t, const std::vector<int64_t>& order, size_t from, size_t to) {
  Shape shape = t.shape();
  int64_t width = 1;  // elements per row (also for a set of no rows)
  for (int d = 1; d < shape.rank(); ++d) width *= shape[d];
  shape[0] = static_cast<int64_t>(to - from);
  Tensor out = Tensor::empty(shape);
  for (size_t i = from; i < to; ++i)
    std::memcpy(out.data() + (i - from) * width, t.data() + order[i] * width, sizeof(float) * width);
  return out;
}

}  // namespace

const std::vector<std::string>& toy_names() {
  static const std::vector<std::string> names = {"moons", "circles", "spiral", "xor", "blobs",
                                                 "plane", "gaussians", "waves", "uniform", "regression"};
  return names;
}

Dataset make_toy(const std::string& name, const ToyOptions& options) {
  auto it = toys().find(name);
  if (it == toys().end()) throw ValueError("unknown dataset '" + name + "' (" + joined(toy_names()) + ")");
  return it->second.make(options, options.noise.value_or(it->second.noise));
}

std::pair<Dataset, Dataset> train_test_split(const Dataset& d, double train_fraction, uint64_t seed) {
  if (!(train_fraction >= 0 && train_fraction <= 1))
    throw ValueError("train_test_split: train_fraction must be in [0, 1], got " + std::to_string(train_fraction));
  const int64_t n = d.size();
  std::vector<int64_t> order(n);
  for (int64_t i = 0; i < n; ++i) order[i] = i;
  // A stream apart from the set's own (drawn from the same seed), so the split does not follow the points.
  Generator gen(seed ^ 0x9E3779B97F4A7C15ull);
  for (int64_t i = n - 1; i > 0; --i) std::swap(order[i], order[gen.below(static_cast<uint32_t>(i + 1))]);
  const size_t cut = static_cast<size_t>(std::llround(static_cast<double>(n) * train_fraction));
  Dataset train{rows_of(d.x, order, 0, cut), rows_of(d.y, order, 0, cut), d.classes};
  Dataset test{rows_of(d.x, order, cut, order.size()), rows_of(d.y, order, cut, order.size()), d.classes};
  return {train, test};
}

}  // namespace nabla
