// Creating tensors: constants, ranges and seeded random numbers.
#pragma once
#include <cstdint>
#include <vector>

#include "nabla/tensor/tensor.h"

namespace nabla {

Tensor zeros(const Shape& shape);
Tensor ones(const Shape& shape);
Tensor full(const Shape& shape, float value);
/// A rank-0 tensor holding `value`.
Tensor scalar(float value);
/// [start, start + step, ...) up to but excluding `end`; throws ValueError when step is 0.
Tensor arange(float start, float end, float step = 1.0f);
Tensor tensor(const std::vector<float>& values, const Shape& shape);
Tensor zeros_like(const Tensor& t);
Tensor ones_like(const Tensor& t);

/// Seeds the global generator: the same seed gives the same numbers on every platform.
void manual_seed(uint64_t seed);
/// Standard normal samples (mean 0, standard deviation 1).
Tensor randn(const Shape& shape);
/// Uniform samples in [low, high).
Tensor rand(const Shape& shape, float low = 0.0f, float high = 1.0f);

}  // namespace nabla
