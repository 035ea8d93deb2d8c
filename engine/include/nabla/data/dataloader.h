// Mini-batches over (x, y) tensors whose first dimension is the example, as PyTorch's DataLoader.
// Each epoch visits every example once (the last batch may be short unless drop_last); with shuffle, each
// epoch draws a fresh permutation from the loader's own generator, so a seed fixes the whole sequence.
#pragma once
#include <cstdint>
#include <vector>

#include "nabla/data/dataset.h"
#include "nabla/tensor/random.h"
#include "nabla/tensor/tensor.h"

namespace nabla {

struct DataLoaderOptions {
  int64_t batch_size = 32;
  bool shuffle = false;
  uint64_t seed = 0;
  bool drop_last = false;  // drop a final batch smaller than batch_size
};

struct Batch {
  Tensor x;  // (B, ...) rows of x
  Tensor y;  // (B, ...) rows of y
};

class DataLoader {
 public:
  /// Throws ShapeError when x and y disagree on the number of examples (or are scalars), ValueError on
  /// batch_size < 1.
  DataLoader(const Tensor& x, const Tensor& y, DataLoaderOptions options = {});
  DataLoader(const Dataset& data, DataLoaderOptions options = {}) : DataLoader(data.x, data.y, options) {}

  int64_t num_samples() const { return n_; }
  /// Batches per epoch: ceil(N / B), or floor(N / B) with drop_last.
  int64_t num_batches() const;
  /// Starts the next epoch: with shuffle, a new permutation. The constructor starts the first one.
  void new_epoch();
  /// Batch i (0 <= i < num_batches()) of the current epoch, copied out; IndexError otherwise.
  Batch batch(int64_t i) const;
  /// Examples [start, start + count) of the current epoch's order, copied into xb and yb, which are reused
  /// when they already hold `count` rows (a training loop's buffers) and made afresh otherwise.
  /// IndexError for a range outside the epoch.
  void gather(int64_t start, int64_t count, Tensor& xb, Tensor& yb) const;
  /// Replaces the examples (same checks as the constructor) and starts a new epoch; the generator goes on
  /// where it was, so a seed still fixes the whole sequence.
  void reset(const Tensor& x, const Tensor& y);
  /// ValueError for batch_size < 1.
  void set_batch_size(int64_t batch_size);
  int64_t batch_size() const { return options_.batch_size; }
  /// The order of the examples in the current epoch.
  const std::vector<int64_t>& order() const { return order_; }

  class Iterator {
   public:
    Iterator(const DataLoader* loader, int64_t i) : loader_(loader), i_(i) {}
    Batch operator*() const { return loader_->batch(i_); }
    Iterator& operator++() { ++i_; return *this; }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }
   private:
    const DataLoader* loader_;
    int64_t i_;
  };
  /// Range-for over one epoch. Like iter() on a PyTorch DataLoader, every loop after the first starts a new
  /// epoch (a new shuffle); the first loop uses the epoch the constructor started.
  Iterator begin();
  Iterator end() const { return Iterator(this, num_batches()); }

 private:
  Tensor x_, y_;
  DataLoaderOptions options_;
  int64_t n_ = 0;
  Generator gen_;
  std::vector<int64_t> order_;
  bool fresh_ = false;  // the current epoch has not been iterated yet
};

}  // namespace nabla
