// Constant, range and random tensors.
#include "nabla/tensor/factory.h"

#include <algorithm>
#include <cmath>

#include "nabla/error.h"
#include "nabla/tensor/random.h"

namespace nabla {

Tensor full(const Shape& shape, float value) {
  Tensor t = Tensor::empty(shape);
  std::fill(t.data(), t.data() + t.numel(), value);
  return t;
}

Tensor zeros(const Shape& shape) { return full(shape, 0.0f); }
Tensor ones(const Shape& shape) { return full(shape, 1.0f); }
Tensor scalar(float value) { return full(Shape{}, value); }
Tensor zeros_like(const Tensor& t) { return zeros(t.shape()); }
Tensor ones_like(const Tensor& t) { return ones(t.shape()); }
Tensor tensor(const std::vector<float>& values, const Shape& shape) {
  return Tensor::from_vector(values, shape);
}

Tensor arange(float start, float end, float step) {
  if (step == 0 || !std::isfinite(start) || !std::isfinite(end) || !std::isfinite(step))
    throw ValueError("arange: step must be non-zero and bounds finite (start " + std::to_string(start) +
                     ", end " + std::to_string(end) + ", step " + std::to_string(step) + ")");
  int64_t n = std::max<int64_t>(0, static_cast<int64_t>(std::ceil((end - start) / step)));
  Tensor t = Tensor::empty(Shape{n});
  for (int64_t i = 0; i < n; ++i) t.data()[i] = start + step * static_cast<float>(i);
  return t;
}

void manual_seed(uint64_t seed) { default_generator().seed_(seed); }

Tensor randn(const Shape& shape) {
  Tensor t = Tensor::empty(shape);
  Generator& gen = default_generator();
  for (int64_t i = 0; i < t.numel(); ++i) t.data()[i] = gen.normal();
  return t;
}

Tensor rand(const Shape& shape, float low, float high) {
  if (!(low < high))
    throw ValueError("rand: low (" + std::to_string(low) + ") must be below high (" +
                     std::to_string(high) + ")");
  Tensor t = Tensor::empty(shape);
  Generator& gen = default_generator();
  for (int64_t i = 0; i < t.numel(); ++i) t.data()[i] = low + (high - low) * gen.uniform();
  return t;
}

}  // namespace nabla
