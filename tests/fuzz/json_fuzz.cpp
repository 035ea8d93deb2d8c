// libFuzzer target for the JSON reader under safetensors headers and graph files: any text must parse or throw
// nabla::FormatError, and what parses must print to text that reads back and prints the same. Numbers print with
// float32 precision (%.9g), so the first print may round a double: stability is checked from the second print on.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "nabla/error.h"
#include "nabla/io/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  nabla::Json v;
  try {
    v = nabla::parse_json(text);
  } catch (const nabla::FormatError&) {
    return 0;
  }
  try {
    std::string twice = nabla::parse_json(v.dump()).dump();
    if (nabla::parse_json(twice).dump() != twice) std::abort();
  } catch (const nabla::FormatError&) {
    std::abort();
  }
  return 0;
}
