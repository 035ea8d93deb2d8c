// DataLoader: batch sizes, drop_last, seeded shuffling and rows that stay paired with their labels.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <vector>

#include "nabla/data/dataloader.h"
#include "nabla/error.h"
#include "nabla/tensor/factory.h"

namespace nabla {
namespace {

// x row i = (i, 10 i), y i = i: any batch shows which examples it holds and whether x and y stay paired.
Dataset numbered(int64_t n) {
  std::vector<float> x, y;
  for (int64_t i = 0; i < n; ++i) {
    x.push_back(static_cast<float>(i));
    x.push_back(static_cast<float>(10 * i));
    y.push_back(static_cast<float>(i));
  }
  return {Tensor::from_vector(x, Shape{n, 2}), Tensor::from_vector(y, Shape{n}), 0};
}

std::vector<float> epoch_labels(DataLoader& loader) {
  std::vector<float> seen;
  for (Batch b : loader) {
    std::vector<float> x = b.x.to_vector(), y = b.y.to_vector();
    for (size_t i = 0; i < y.size(); ++i) {
      EXPECT_EQ(x[2 * i], y[i]);
      EXPECT_EQ(x[2 * i + 1], 10 * y[i]);
    }
    seen.insert(seen.end(), y.begin(), y.end());
  }
  return seen;
}

TEST(DataLoader, BatchesCoverTheDataInOrderWithAShortLastBatch) {
  DataLoader loader(numbered(10), {.batch_size = 4});
  EXPECT_EQ(loader.num_batches(), 3);
  EXPECT_EQ(loader.batch(0).x.shape(), (Shape{4, 2}));
  EXPECT_EQ(loader.batch(2).x.shape(), (Shape{2, 2}));
  EXPECT_EQ(loader.batch(2).y.shape(), (Shape{2}));
  std::vector<float> expected(10);
  std::iota(expected.begin(), expected.end(), 0.0f);
  EXPECT_EQ(epoch_labels(loader), expected);
  EXPECT_THROW(loader.batch(3), IndexError);
}

TEST(DataLoader, DropLastDropsTheShortBatch) {
  DataLoader loader(numbered(10), {.batch_size = 4, .drop_last = true});
  EXPECT_EQ(loader.num_batches(), 2);
  EXPECT_EQ(epoch_labels(loader).size(), 8u);
  DataLoader exact(numbered(8), {.batch_size = 4, .drop_last = true});
  EXPECT_EQ(exact.num_batches(), 2);
}

TEST(DataLoader, ShuffleIsAPermutationFixedBySeedAndNewEachEpoch) {
  DataLoaderOptions opts{.batch_size = 3, .shuffle = true, .seed = 42};
  DataLoader a(numbered(20), opts), b(numbered(20), opts);
  std::vector<float> a1 = epoch_labels(a), b1 = epoch_labels(b);
  EXPECT_EQ(a1, b1);
  std::vector<float> sorted = a1;
  std::sort(sorted.begin(), sorted.end());
  std::vector<float> all(20);
  std::iota(all.begin(), all.end(), 0.0f);
  EXPECT_EQ(sorted, all);
  EXPECT_NE(a1, all);
  std::vector<float> a2 = epoch_labels(a);
  EXPECT_NE(a1, a2);  // second loop: a new shuffle
  EXPECT_EQ(a2, epoch_labels(b));
  opts.seed = 43;
  DataLoader c(numbered(20), opts);
  EXPECT_NE(epoch_labels(c), a1);
}

TEST(DataLoader, MismatchedExampleCountsAndBadBatchSizeAreRejected) {
  EXPECT_THROW(DataLoader(zeros(Shape{5, 2}), zeros(Shape{4})), ShapeError);
  EXPECT_THROW(DataLoader(scalar(1), scalar(1)), ShapeError);
  EXPECT_THROW(DataLoader(zeros(Shape{5, 2}), zeros(Shape{5}), {.batch_size = 0}), ValueError);
}

TEST(DataLoader, WorksOnHigherRankInputs) {
  Tensor x = arange(0, 2 * 3 * 4 * 4);
  std::vector<float> v = x.to_vector();
  Tensor images = Tensor::from_vector(v, Shape{2 * 3, 1, 4, 4});
  DataLoader loader(images, arange(0, 6), {.batch_size = 4});
  Batch b = loader.batch(1);
  EXPECT_EQ(b.x.shape(), (Shape{2, 1, 4, 4}));
  EXPECT_EQ(b.x.data()[0], 64.0f);
  EXPECT_EQ(b.y.to_vector(), (std::vector<float>{4, 5}));
}

TEST(DataLoader, GatherCopiesAnyRangeOfTheEpochIntoReusedBuffers) {
  Dataset d = numbered(10);
  DataLoader loader(d, {.batch_size = 4, .shuffle = true, .seed = 3});
  Tensor xb, yb;
  loader.gather(2, 5, xb, yb);
  ASSERT_EQ(xb.shape(), (Shape{5, 2}));
  const float* kept = xb.data();
  for (int64_t i = 0; i < 5; ++i) {
    EXPECT_EQ(yb.data()[i], static_cast<float>(loader.order()[2 + i]));
    EXPECT_EQ(xb.data()[2 * i + 1], 10 * yb.data()[i]);
  }
  loader.gather(5, 5, xb, yb);
  EXPECT_EQ(xb.data(), kept);  // same row count: the buffer is reused
  EXPECT_THROW(loader.gather(8, 3, xb, yb), IndexError);
}

TEST(DataLoader, ResetKeepsTheGeneratorGoingAndBatchSizeCanChange) {
  DataLoaderOptions opts{.batch_size = 3, .shuffle = true, .seed = 42};
  DataLoader a(numbered(20), opts), b(numbered(20), opts);
  a.reset(numbered(20).x, numbered(20).y);  // a second permutation from the same generator
  b.new_epoch();
  EXPECT_EQ(a.order(), b.order());
  EXPECT_THROW(a.reset(numbered(4).x, numbered(3).y), ShapeError);
  a.set_batch_size(7);
  EXPECT_EQ(a.num_batches(), 3);
  EXPECT_THROW(a.set_batch_size(0), ValueError);
}

}  // namespace
}  // namespace nabla
