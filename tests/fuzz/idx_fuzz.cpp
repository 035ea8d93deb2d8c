// libFuzzer target for the IDX reader: any bytes must either parse (and then describe exactly the data they hold)
// or throw nabla::FormatError. The input is also split in two and read as an MNIST image/label pair.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "nabla/data/idx.h"
#include "nabla/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    nabla::IdxArray a = nabla::read_idx(data, size);
    unsigned __int128 count = 1;  // wide enough that the product of the dims cannot wrap
    for (int64_t d : a.dims) count *= static_cast<uint64_t>(d);
    if (count != a.data.size()) std::abort();  // the dims must describe the data that was read
  } catch (const nabla::FormatError&) {
  }
  // Bytes 0-1 (big-endian) give the length of the images; the labels follow them.
  if (size > 2) {
    size_t cut = 2 + ((size_t{data[0]} << 8 | data[1]) % (size - 1));
    try {
      nabla::Dataset d = nabla::read_mnist(data + 2, cut - 2, data + cut, size - cut, static_cast<int64_t>(size % 3));
      if (d.x.shape()[0] != d.y.shape()[0]) std::abort();
    } catch (const nabla::FormatError&) {
    } catch (const nabla::ValueError&) {
    }
  }
  return 0;
}
