// Replays every saved fuzz input of the C++ readers (tests/fuzz/regressions/{idx,safetensors,json}/) under the
// fuzz targets' contract: each input either reads into a well-formed result or throws nabla::FormatError.
// Each file there is an input that once broke that contract; the fuzzers themselves run in scripts/fuzz.sh.
#include <gtest/gtest.h>

#include <filesystem>

#include "nabla/data/idx.h"
#include "nabla/error.h"
#include "nabla/io/file.h"
#include "nabla/io/json.h"
#include "nabla/io/safetensors.h"

namespace nabla {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> regressions(const std::string& target) {
  std::vector<fs::path> files;
  fs::path dir = fs::path(NABLA_SOURCE_DIR) / "tests/fuzz/regressions" / target;
  if (fs::exists(dir))
    for (const auto& e : fs::directory_iterator(dir))
      if (e.is_regular_file()) files.push_back(e.path());
  return files;
}

TEST(RobustFiles, IdxRegressionsReadConsistentlyOrThrowFormatError) {
  for (const fs::path& path : regressions("idx")) {
    SCOPED_TRACE(path.string());
    std::vector<uint8_t> bytes = read_file_bytes(path.string());
    try {
      IdxArray a = read_idx(bytes.data(), bytes.size());
      unsigned __int128 count = 1;
      for (int64_t d : a.dims) count *= static_cast<uint64_t>(d);
      EXPECT_TRUE(count == a.data.size()) << "dims do not describe the data read";
    } catch (const FormatError&) {
    }
  }
}

TEST(RobustFiles, IdxDimensionsWhoseProductWrapsAreRejected) {
  // 2^20 x 2^20 x 2^24 = 2^64: a uint64 product wraps to 0, which matched the 0 data bytes that follow.
  const uint8_t bytes[] = {0, 0, 8, 3, 0, 0x10, 0, 0, 0, 0x10, 0, 0, 1, 0, 0, 0};
  try {
    read_idx(bytes, sizeof bytes);
    FAIL() << "expected FormatError";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("more than 2^40 elements"), std::string::npos) << e.what();
  }
  const uint8_t labels[] = {0, 0, 8, 1, 0, 0x10, 0, 0};
  EXPECT_THROW(read_mnist(bytes, sizeof bytes, labels, sizeof labels), FormatError);
}

TEST(RobustFiles, SafetensorsRegressionsLoadOrThrowFormatError) {
  for (const fs::path& path : regressions("safetensors")) {
    SCOPED_TRACE(path.string());
    std::vector<uint8_t> bytes = read_file_bytes(path.string());
    try {
      SafetensorsFile f = load_safetensors(bytes);
      SafetensorsFile again = load_safetensors(save_safetensors(f.tensors, f.metadata));
      EXPECT_EQ(again.tensors.size(), f.tensors.size());
    } catch (const FormatError&) {
    }
  }
}

TEST(RobustFiles, JsonRegressionsParseOrThrowFormatError) {
  for (const fs::path& path : regressions("json")) {
    SCOPED_TRACE(path.string());
    std::vector<uint8_t> bytes = read_file_bytes(path.string());
    try {
      Json v = parse_json(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
      std::string twice = parse_json(v.dump()).dump();  // the first print may round a double to float32 digits
      EXPECT_EQ(parse_json(twice).dump(), twice);
    } catch (const FormatError&) {
    }
  }
}

}  // namespace
}  // namespace nabla
