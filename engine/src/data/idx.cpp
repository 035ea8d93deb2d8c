// IDX reading with a check for every way a file can be wrong; MNIST on top of it.
#include "nabla/data/idx.h"

#include "nabla/error.h"
#include "nabla/io/file.h"

namespace nabla {

namespace {

const char* idx_type_name(uint8_t code) {
  switch (code) {
    case 0x08: return "unsigned byte";
    case 0x09: return "signed byte";
    case 0x0B: return "short";
    case 0x0C: return "int";
    case 0x0D: return "float";
    case 0x0E: return "double";
    default: return nullptr;
  }
}

std::string hex(unsigned v) {
  const char* digits = "0123456789abcdef";
  return std::string("0x") + digits[(v >> 4) & 15] + digits[v & 15];
}

}  // namespace

IdxArray read_idx(const uint8_t* bytes, size_t size, const std::string& source) {
  const std::string where = "IDX '" + source + "': ";
  if (size < 4)
    throw FormatError(where + "truncated header: " + std::to_string(size) + " bytes, the magic number needs 4");
  if (bytes[0] != 0 || bytes[1] != 0)
    throw FormatError(where + "bad magic number: first two bytes are " + hex(bytes[0]) + " " + hex(bytes[1]) +
                      ", expected 0x00 0x00 (not an IDX file?)");
  uint8_t type = bytes[2];
  if (type != 0x08) {
    const char* name = idx_type_name(type);
    throw FormatError(where + "element type code " + hex(type) + (name ? std::string(" (") + name + ")" : " (unknown)") +
                      "; only 0x08 (unsigned byte) is supported");
  }
  int rank = bytes[3];
  if (rank == 0) throw FormatError(where + "bad magic number: 0 dimensions");
  size_t header = 4 + 4 * static_cast<size_t>(rank);
  if (size < header)
    throw FormatError(where + "truncated header: " + std::to_string(rank) + " dimensions need " +
                      std::to_string(header) + " header bytes, the file has " + std::to_string(size));
  IdxArray out;
  uint64_t count = 1;
  for (int i = 0; i < rank; ++i) {
    const uint8_t* p = bytes + 4 + 4 * i;
    uint64_t d = static_cast<uint64_t>(p[0]) << 24 | static_cast<uint64_t>(p[1]) << 16 |
                 static_cast<uint64_t>(p[2]) << 8 | p[3];
    out.dims.push_back(static_cast<int64_t>(d));
    // Checked before multiplying: 2^40 * 2^24 wraps a uint64 to 0, which would pass for an empty array.
    if (d != 0 && count > (uint64_t{1} << 40) / d)
      throw FormatError(where + "dimensions describe more than 2^40 elements");
    count *= d;
  }
  size_t have = size - header;
  if (have < count) {
    std::string dims;
    for (size_t i = 0; i < out.dims.size(); ++i) dims += (i ? " x " : "") + std::to_string(out.dims[i]);
    throw FormatError(where + "truncated data: dimensions " + dims + " need " + std::to_string(count) +
                      " bytes after the header, the file has " + std::to_string(have));
  }
  if (have > count)
    throw FormatError(where + "" + std::to_string(have - count) + " unexpected bytes after the " +
                      std::to_string(count) + " data bytes");
  out.data.assign(bytes + header, bytes + header + count);
  return out;
}

IdxArray read_idx_file(const std::string& path) {
  std::vector<uint8_t> bytes = read_file_bytes(path);
  return read_idx(bytes.data(), bytes.size(), path);
}

namespace {

Dataset mnist_from(const IdxArray& images, const IdxArray& labels, const std::string& images_name,
                   const std::string& labels_name, int64_t limit) {
  if (images.dims.size() != 3)
    throw FormatError("MNIST: images '" + images_name + "' have " + std::to_string(images.dims.size()) +
                      " dimensions, expected 3 (count, rows, columns)");
  if (labels.dims.size() != 1)
    throw FormatError("MNIST: labels '" + labels_name + "' have " + std::to_string(labels.dims.size()) +
                      " dimensions, expected 1 (count)");
  int64_t n = images.dims[0];
  if (labels.dims[0] != n)
    throw FormatError("MNIST: images '" + images_name + "' hold " + std::to_string(n) + " examples but labels '" +
                      labels_name + "' hold " + std::to_string(labels.dims[0]));
  if (limit < 0) throw ValueError("read_mnist: limit must be >= 0 (0 = all), got " + std::to_string(limit));
  if (limit > 0 && limit < n) n = limit;
  int64_t pixels = images.dims[1] * images.dims[2];
  Dataset d;
  d.x = Tensor::empty(Shape{n, pixels});
  d.y = Tensor::empty(Shape{n});
  d.classes = 10;
  float* x = d.x.data();
  for (int64_t i = 0; i < n * pixels; ++i) x[i] = images.data[i] * (1.0f / 255.0f);
  float* y = d.y.data();
  for (int64_t i = 0; i < n; ++i) {
    if (labels.data[i] > 9)
      throw FormatError("MNIST: labels '" + labels_name + "' hold " + std::to_string(labels.data[i]) +
                        " at index " + std::to_string(i) + ", expected 0..9");
    y[i] = labels.data[i];
  }
  return d;
}

}  // namespace

Dataset read_mnist(const uint8_t* images, size_t images_size, const uint8_t* labels, size_t labels_size,
                   int64_t limit) {
  // Images first, then labels: argument evaluation order is unspecified, error messages should not be.
  IdxArray image_array = read_idx(images, images_size, "<image bytes>");
  IdxArray label_array = read_idx(labels, labels_size, "<label bytes>");
  return mnist_from(image_array, label_array, "<image bytes>", "<label bytes>", limit);
}

Dataset read_mnist(const std::vector<uint8_t>& images, const std::vector<uint8_t>& labels, int64_t limit) {
  return read_mnist(images.data(), images.size(), labels.data(), labels.size(), limit);
}

Dataset load_mnist(const std::string& images_path, const std::string& labels_path, int64_t limit) {
  IdxArray images = read_idx_file(images_path);
  IdxArray labels = read_idx_file(labels_path);
  return mnist_from(images, labels, images_path, labels_path, limit);
}

}  // namespace nabla
