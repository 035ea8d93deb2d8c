// Batching by row gather: a batch is a fresh contiguous copy of the chosen rows of x and y.
#include "nabla/data/dataloader.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <string>

#include "nabla/error.h"
#include "nabla/parallel/threads.h"

namespace nabla {

DataLoader::DataLoader(const Tensor& x, const Tensor& y, DataLoaderOptions options)
    : options_(options), gen_(options.seed) {
  set_batch_size(options.batch_size);
  reset(x, y);
}

void DataLoader::reset(const Tensor& x, const Tensor& y) {
  if (!x.defined() || !y.defined()) throw ValueError("DataLoader: x and y must be defined tensors");
  if (x.rank() == 0 || y.rank() == 0)
    throw ShapeError("DataLoader: x " + x.shape().str() + " and y " + y.shape().str() +
                     " need a first dimension (the example)");
  if (x.size(0) != y.size(0))
    throw ShapeError("DataLoader: x " + x.shape().str() + " and y " + y.shape().str() +
                     " hold different numbers of examples");
  x_ = x;
  y_ = y;
  n_ = x.size(0);
  order_.resize(n_);
  new_epoch();
}

void DataLoader::set_batch_size(int64_t batch_size) {
  if (batch_size < 1)
    throw ValueError("DataLoader: batch_size must be at least 1, got " + std::to_string(batch_size));
  options_.batch_size = batch_size;
}

int64_t DataLoader::num_batches() const {
  int64_t b = options_.batch_size;
  return options_.drop_last ? n_ / b : (n_ + b - 1) / b;
}

void DataLoader::new_epoch() {
  std::iota(order_.begin(), order_.end(), int64_t{0});
  if (options_.shuffle) {
    for (int64_t i = n_ - 1; i > 0; --i) std::swap(order_[i], order_[gen_.below(static_cast<uint32_t>(i + 1))]);
  }
  fresh_ = true;
}

namespace {
// Copies the chosen rows of t into out (count rows of t's row size).
void gather_rows(const Tensor& t, const int64_t* rows, int64_t count, Tensor& out) {
  const int64_t row = t.shape()[0] == 0 ? 0 : t.numel() / t.shape()[0];
  Shape shape = t.shape();
  shape[0] = count;
  if (!out.defined() || out.shape() != shape) out = Tensor::empty(shape);
  if (row == 0 || count == 0) return;  // nothing to copy (and memcpy must not see null pointers)
  const float* src = t.data();
  float* dst = out.data();
  // Large batches of large rows (images) are split among the engine's threads by row.
  parallel_for(0, count, std::max<int64_t>(1, kElementGrain / row), [&](int64_t lo, int64_t hi) {
    for (int64_t i = lo; i < hi; ++i) {
      // Rows of a few floats (2-D points, labels) copy faster in a loop than through memcpy calls.
      if (row <= 8)
        for (int64_t j = 0; j < row; ++j) dst[i * row + j] = src[rows[i] * row + j];
      else
        std::memcpy(dst + i * row, src + rows[i] * row, static_cast<size_t>(row) * sizeof(float));
    }
  });
}
}  // namespace

Batch DataLoader::batch(int64_t i) const {
  if (i < 0 || i >= num_batches())
    throw IndexError("DataLoader: batch " + std::to_string(i) + " out of range for " +
                     std::to_string(num_batches()) + " batches");
  int64_t start = i * options_.batch_size;
  Batch b;
  gather(start, std::min(options_.batch_size, n_ - start), b.x, b.y);
  return b;
}

void DataLoader::gather(int64_t start, int64_t count, Tensor& xb, Tensor& yb) const {
  if (start < 0 || count < 0 || start + count > n_)
    throw IndexError("DataLoader: examples [" + std::to_string(start) + ", " + std::to_string(start + count) +
                     ") outside an epoch of " + std::to_string(n_));
  gather_rows(x_, order_.data() + start, count, xb);
  gather_rows(y_, order_.data() + start, count, yb);
}

DataLoader::Iterator DataLoader::begin() {
  if (!fresh_) new_epoch();
  fresh_ = false;
  return Iterator(this, 0);
}

}  // namespace nabla
