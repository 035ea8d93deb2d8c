// libFuzzer target for the safetensors loader: any bytes must either load (and then save back to a file that
// loads to the same tensors) or throw nabla::FormatError.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "nabla/error.h"
#include "nabla/io/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nabla::SafetensorsFile file;
  try {
    file = nabla::load_safetensors(data, size);
  } catch (const nabla::FormatError&) {
    return 0;
  }
  // A file that loads must round-trip: names, shapes and bits of every value.
  nabla::SafetensorsFile again;
  try {
    again = nabla::load_safetensors(nabla::save_safetensors(file.tensors, file.metadata));
  } catch (const nabla::Error&) {
    std::abort();
  }
  if (again.tensors.size() != file.tensors.size()) std::abort();
  for (size_t i = 0; i < file.tensors.size(); ++i) {
    const auto& [name, t] = file.tensors[i];
    const auto& [name2, t2] = again.tensors[i];
    if (name != name2 || t.shape() != t2.shape()) std::abort();
    if (t.numel() && std::memcmp(t.data(), t2.data(), t.numel() * 4) != 0) std::abort();
  }
  return 0;
}
