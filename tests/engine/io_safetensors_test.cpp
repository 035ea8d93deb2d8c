// safetensors: byte-exact layout (what PyTorch's reader expects), round trips, and every malformed file.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "expect_error.h"
#include "nabla/error.h"
#include "nabla/io/file.h"
#include "nabla/io/safetensors.h"
#include "nabla/tensor/factory.h"

namespace nabla {
namespace {

std::vector<uint8_t> with_header(const std::string& header, const std::vector<float>& data) {
  std::vector<uint8_t> b(8);
  uint64_t n = header.size();
  for (int i = 0; i < 8; ++i) b[i] = static_cast<uint8_t>(n >> (8 * i));
  b.insert(b.end(), header.begin(), header.end());
  size_t at = b.size();
  b.resize(at + data.size() * 4);
  if (!data.empty()) std::memcpy(b.data() + at, data.data(), data.size() * 4);  // the test host is little-endian
  return b;
}

// Runs `f`, expects a FormatError whose message contains `part`.
template <typename F>
void expect_format_error(F f, const std::string& part) { nabla::testing::expect_error<FormatError>(f, part); }

TEST(IoSafetensors, WritesTheExactBytesOfTheFormat) {
  NamedTensors tensors = {{"w", tensor({1, 2, 3, 4}, Shape{2, 2})}, {"b", tensor({0.5f, -1}, Shape{2})}};
  std::vector<uint8_t> bytes = save_safetensors(tensors, {{"format", "pt"}});
  std::string header =
      R"({"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},)"
      R"("b":{"dtype":"F32","shape":[2],"data_offsets":[16,24]}})";
  while ((8 + header.size()) % 8) header += ' ';  // padded so that the data starts 8-byte aligned
  std::vector<uint8_t> expected = with_header(header, {1, 2, 3, 4, 0.5f, -1});
  EXPECT_EQ(std::string(bytes.begin() + 8, bytes.begin() + 8 + header.size()), header);
  EXPECT_EQ(bytes, expected);
  // 0x3f800000 = 1.0f, little-endian, right after the header.
  EXPECT_EQ(bytes[8 + header.size() + 3], 0x3f);
  EXPECT_EQ(bytes[8 + header.size() + 2], 0x80);
}

TEST(IoSafetensors, RoundTripsThroughBytesAndFiles) {
  NamedTensors tensors = {{"layer.0.weight", randn(Shape{3, 4})},
                          {"layer.0.bias", randn(Shape{3})},
                          {"scale", scalar(2.5f)},
                          {"empty", zeros(Shape{0, 5})}};
  SafetensorsFile back = load_safetensors(save_safetensors(tensors, {{"epoch", "3"}}));
  ASSERT_EQ(back.tensors.size(), tensors.size());
  for (size_t i = 0; i < tensors.size(); ++i) {
    EXPECT_EQ(back.tensors[i].first, tensors[i].first);
    EXPECT_EQ(back.tensors[i].second.shape(), tensors[i].second.shape());
    EXPECT_EQ(back.tensors[i].second.to_vector(), tensors[i].second.to_vector());
  }
  EXPECT_EQ(back.metadata, (Metadata{{"epoch", "3"}}));

  std::string path = ::testing::TempDir() + "nabla_io_safetensors_test.safetensors";
  save_safetensors_file(path, tensors);
  SafetensorsFile from_file = load_safetensors_file(path);
  EXPECT_EQ(from_file.tensors[0].second.to_vector(), tensors[0].second.to_vector());
  EXPECT_TRUE(from_file.metadata.empty());
  std::remove(path.c_str());
}

TEST(IoSafetensors, ReadsFilesWrittenInAnotherOrderWithWhitespace) {
  // As another writer might: keys not in offset order, whitespace, no metadata.
  std::string header = R"({ "b" : {"shape": [2], "dtype": "F32", "data_offsets": [8, 16]},
                            "a" : {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]} })";
  SafetensorsFile f = load_safetensors(with_header(header, {1, 2, 3, 4}));
  ASSERT_EQ(f.tensors.size(), 2u);
  EXPECT_EQ(f.tensors[0].first, "a");
  EXPECT_EQ(f.tensors[0].second.to_vector(), (std::vector<float>{1, 2}));
  EXPECT_EQ(f.tensors[1].second.to_vector(), (std::vector<float>{3, 4}));
}

TEST(IoSafetensors, BadHeaderLengthIsRejected) {
  std::vector<uint8_t> good = save_safetensors({{"a", ones(Shape{2})}});
  expect_format_error([&] { load_safetensors(good.data(), 5); }, "5 bytes, too short for the 8-byte header length");
  std::vector<uint8_t> b = good;
  b[0] = 0xff;
  b[1] = 0xff;
  expect_format_error([&] { load_safetensors(b); }, "header length 65535 is larger than the");
  b = good;
  b[7] = 0x01;
  expect_format_error([&] { load_safetensors(b); }, "exceeds the limit");
  expect_format_error([&] { load_safetensors(with_header("", {})); }, "header length 0 is too small");
}

TEST(IoSafetensors, BadJsonIsRejected) {
  expect_format_error([&] { load_safetensors(with_header(R"({"a": {"dtype": "F32",})", {})); },
                      "safetensors: header is not valid JSON: json: expected a string key");
  expect_format_error([&] { load_safetensors(with_header("[1, 2]", {})); }, "header must start with '{'");
  expect_format_error([&] { load_safetensors(with_header(R"({"a": 3})", {})); },
                      "tensor 'a' must be an object, found number");
  expect_format_error([&] { load_safetensors(with_header(R"({"__metadata__": {"k": 1}})", {})); },
                      "__metadata__.k must be a string, found number");
}

TEST(IoSafetensors, WrongDtypeIsRejected) {
  expect_format_error(
      [&] { load_safetensors(with_header(R"({"w": {"dtype": "F8_E4M3", "shape": [4], "data_offsets": [0, 4]}})", {1})); },
      "tensor 'w' has dtype 'F8_E4M3'; supported: F32, F16, BF16, F64, I64, I32");
  expect_format_error(
      [&] { load_safetensors(with_header(R"({"w": {"dtype": "F16", "shape": [2], "data_offsets": [0, 8]}})", {1, 2})); },
      "span 8 bytes but shape [2] of F16 needs 4");
  expect_format_error(
      [&] { load_safetensors(with_header(R"({"w": {"shape": [1], "data_offsets": [0, 4]}})", {1})); },
      "tensor 'w' has no dtype");
}

TEST(IoSafetensors, BadShapesAreRejected) {
  expect_format_error(
      [&] { load_safetensors(with_header(R"({"w": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}})", {1})); },
      "tensor 'w' shape[0] must be a non-negative integer, found -1");
  expect_format_error(
      [&] { load_safetensors(with_header(R"({"w": {"dtype": "F32", "shape": 1, "data_offsets": [0, 4]}})", {1})); },
      "tensor 'w' shape must be an array, found number");
}

TEST(IoSafetensors, OffsetsOutOfRangeOverlappingOrWrongSizeAreRejected) {
  expect_format_error(
      [&] { load_safetensors(with_header(R"({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 4]}})", {1})); },
      "tensor 'w' data_offsets [0, 4] span 4 bytes but shape [2] of F32 needs 8");
  expect_format_error(
      [&] { load_safetensors(with_header(R"({"w": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}})", {1, 2})); },
      "tensor 'w' data_offsets [4, 12] run past the end of the data (8 bytes; truncated file?)");
  expect_format_error(
      [&] { load_safetensors(with_header(R"({"w": {"dtype": "F32", "shape": [1], "data_offsets": [4, 0]}})", {1})); },
      "data_offsets [4, 0] end before begin");
  expect_format_error(
      [&] {
        load_safetensors(with_header(R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                                         "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}})",
                                     {1, 2, 3}));
      },
      "tensor 'b' data_offsets [4, 12] overlap the previous tensor, which ends at 8");
  expect_format_error(
      [&] { load_safetensors(with_header(R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}})", {1, 2})); },
      "tensor 'a' data_offsets begin at 4, leaving a gap after byte 0");
  expect_format_error(
      [&] { load_safetensors(with_header(R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}})", {1, 2})); },
      "the data block has 8 bytes but the tensors use 4 (trailing bytes)");
  expect_format_error(
      [&] { load_safetensors(with_header(R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0]}})", {1})); },
      "tensor 'a' data_offsets must be an array of two integers");
}

TEST(IoSafetensors, TruncatedDataIsRejected) {
  std::vector<uint8_t> b = save_safetensors({{"w", ones(Shape{4})}});
  b.resize(b.size() - 3);
  expect_format_error([&] { load_safetensors(b); }, "tensor 'w' data_offsets [0, 16] run past the end of the data (13 bytes");
}

TEST(IoSafetensors, FileErrorsNameThePath) {
  std::string path = ::testing::TempDir() + "nabla_io_bad.safetensors";
  write_file_bytes(path, {1, 2, 3});
  expect_format_error([&] { load_safetensors_file(path); }, "(in '" + path + "')");
  std::remove(path.c_str());
  EXPECT_THROW(load_safetensors_file("/nonexistent/x.safetensors"), Error);
}

TEST(IoSafetensors, SavingRejectsBadNames) {
  EXPECT_THROW(save_safetensors({{"", ones(Shape{1})}}), ValueError);
  EXPECT_THROW(save_safetensors({{"a", ones(Shape{1})}, {"a", ones(Shape{1})}}), ValueError);
  EXPECT_THROW(save_safetensors({{"__metadata__", ones(Shape{1})}}), ValueError);
}

TEST(IoSafetensors, LoadStateDictCopiesInPlaceAndChecksNamesAndShapes) {
  Tensor w = zeros(Shape{2, 2}), b = zeros(Shape{2});
  NamedTensors params = {{"w", w}, {"b", b}};
  load_state_dict(params, {{"b", tensor({7, 8}, Shape{2})}, {"w", tensor({1, 2, 3, 4}, Shape{2, 2})}});
  EXPECT_EQ(w.to_vector(), (std::vector<float>{1, 2, 3, 4}));
  EXPECT_EQ(b.to_vector(), (std::vector<float>{7, 8}));

  try {
    load_state_dict(params, {{"w", zeros(Shape{2, 2})}, {"c", zeros(Shape{2})}});
    FAIL() << "no throw";
  } catch (const ValueError& e) {
    EXPECT_STREQ(e.what(), "load_state_dict: missing 'b'; unexpected 'c'");
  }
  try {
    load_state_dict(params, {{"w", zeros(Shape{4})}, {"b", zeros(Shape{2})}});
    FAIL() << "no throw";
  } catch (const ShapeError& e) {
    EXPECT_STREQ(e.what(), "load_state_dict: 'w' has shape [4] in the file but [2, 2] in the model");
  }
  EXPECT_EQ(w.to_vector(), (std::vector<float>{1, 2, 3, 4}));  // nothing copied on failure
}

}  // namespace
}  // namespace nabla
