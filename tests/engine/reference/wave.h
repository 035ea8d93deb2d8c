// Closed-form test inputs shared with nn_reference.py: element i is scale * fn(a * i + b), computed in double
// and rounded to float32, exactly as the script builds them, so reference values need no pasted inputs.
#pragma once
#include <algorithm>
#include <cmath>
#include <vector>

#include "nabla/nabla.h"

namespace nabla::testing {

enum class Wave { sin, cos };

inline Tensor wave(const Shape& shape, double a, double b, double scale = 1.0, Wave fn = Wave::sin) {
  Tensor t = Tensor::empty(shape);
  for (int64_t i = 0; i < t.numel(); ++i) {
    double v = a * double(i) + b;
    t.data()[i] = float(scale * (fn == Wave::sin ? std::sin(v) : std::cos(v)));
  }
  return t;
}

/// Copies src's elements into dst (a parameter, so its data is set in place), which must have src's shape.
inline void set_data(Tensor& dst, const Tensor& src) {
  ASSERT_EQ(dst.shape(), src.shape());
  std::copy(src.data(), src.data() + src.numel(), dst.data());
}

inline void expect_values_near(const Tensor& t, const std::vector<float>& expected, float tol,
                               const char* what) {
  ASSERT_EQ(t.numel(), int64_t(expected.size())) << what;
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(t.data()[i], expected[i], tol * (1 + std::abs(expected[i]))) << what << "[" << i << "]";
}

}  // namespace nabla::testing
