// Shape: the sizes of a tensor's dimensions, stored inline (no heap allocation) because shapes are
// created on every op and the tiny-model training step is dominated by such overheads.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace nabla {

class Shape {
 public:
  static constexpr int kMaxRank = 6;

  Shape() = default;
  Shape(std::initializer_list<int64_t> dims);
  explicit Shape(const std::vector<int64_t>& dims);

  int rank() const { return rank_; }
  int64_t operator[](int i) const { return dims_[i]; }
  int64_t& operator[](int i) { return dims_[i]; }
  const int64_t* begin() const { return dims_; }
  const int64_t* end() const { return dims_ + rank_; }
  /// Product of the dimensions; 1 for a scalar (rank 0).
  int64_t numel() const;
  /// Appends a dimension; throws ShapeError past kMaxRank.
  void push_back(int64_t d);
  std::vector<int64_t> to_vector() const { return {begin(), end()}; }
  /// "[2, 3]"
  std::string str() const;

  bool operator==(const Shape& o) const;
  bool operator!=(const Shape& o) const { return !(*this == o); }

 private:
  int64_t dims_[kMaxRank] = {};
  int rank_ = 0;
};

/// Row-major strides of a contiguous tensor of this shape, in elements.
Shape contiguous_strides(const Shape& shape);

/// The NumPy broadcast of two shapes; throws ShapeError naming `op` and both shapes when they do not fit.
Shape broadcast_shapes(const Shape& a, const Shape& b, const char* op);

/// Normalises a possibly negative axis against `rank`; throws IndexError naming `op`.
int normalize_axis(int64_t axis, int rank, const char* op);

}  // namespace nabla
