// The strict JSON reader and writer used by safetensors headers and graph exports.
#include <gtest/gtest.h>

#include "nabla/error.h"
#include "nabla/io/json.h"

namespace nabla {
namespace {

TEST(IoJson, ParsesNestedValuesAndKeepsKeyOrder) {
  Json v = parse_json(R"( {"b": [1, -2.5e1, true, null], "a": {"s": "x\"\u00e9\n"}} )");
  ASSERT_TRUE(v.is_object());
  EXPECT_EQ(v.as_object()[0].first, "b");
  const Json::Array& b = v.find("b")->as_array();
  EXPECT_EQ(b[0].as_number(), 1);
  EXPECT_EQ(b[1].as_number(), -25);
  EXPECT_TRUE(b[2].as_bool());
  EXPECT_TRUE(b[3].is_null());
  EXPECT_EQ(v.find("a")->find("s")->as_string(), "x\"\xc3\xa9\n");
  EXPECT_EQ(v.find("missing"), nullptr);
}

TEST(IoJson, DumpRoundTrips) {
  const char* text = R"({"k":[1,2.5,"a\\b",false,null,{}],"e":[]})";
  EXPECT_EQ(parse_json(text).dump(), text);
  EXPECT_EQ(Json(0.1f).dump(), "0.100000001");
  EXPECT_EQ(Json(static_cast<int64_t>(1) << 40).dump(), "1099511627776");
}

TEST(IoJson, RejectsMalformedTextNamingTheOffset) {
  auto message = [](const char* text) {
    try {
      parse_json(text);
    } catch (const FormatError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("{\"a\": 1,}"), "json: expected a string key at byte 8");
  EXPECT_EQ(message("[1 2]"), "json: expected ']', found '2' at byte 3");
  EXPECT_EQ(message("{\"a\":1} x"), "json: unexpected data after the JSON value at byte 8");
  EXPECT_EQ(message("{\"a\":1,\"a\":2}"), "json: duplicate key \"a\" at byte 7");
  EXPECT_EQ(message("01"), "json: unexpected data after the JSON value at byte 1");
  EXPECT_EQ(message("\"abc"), "json: unterminated string at byte 4");
  EXPECT_EQ(message("tru"), "json: invalid literal (expected 'true') at byte 0");
  EXPECT_EQ(message("1."), "json: expected a digit after the decimal point at byte 2");
  EXPECT_EQ(message(""), "json: expected a value but the text ended at byte 0");
  EXPECT_EQ(message("NaN"), "json: unexpected character 'N' at byte 0");
  EXPECT_NE(message(std::string(100, '[').c_str()).find("nesting deeper than 64"), std::string::npos);
}

TEST(IoJson, AccessorsRejectTheWrongType) {
  EXPECT_THROW(parse_json("1").as_string(), FormatError);
  EXPECT_THROW(parse_json("[]").find("a"), FormatError);
}

}  // namespace
}  // namespace nabla
