// A minimal, strict JSON value with a reader and a writer: enough for safetensors headers and graph exports,
// without an external dependency. Objects keep their keys in insertion order (so exports are stable).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nabla {

class Json {
 public:
  enum class Type { Null, Bool, Number, String, Array, Object };
  using Array = std::vector<Json>;
  using Object = std::vector<std::pair<std::string, Json>>;

  Json() = default;
  Json(std::nullptr_t) {}
  Json(bool b) : type_(Type::Bool), bool_(b) {}
  Json(double v) : type_(Type::Number), number_(v) {}
  Json(float v) : Json(static_cast<double>(v)) {}
  Json(int v) : Json(static_cast<double>(v)) {}
  Json(int64_t v) : Json(static_cast<double>(v)) {}
  Json(uint64_t v) : Json(static_cast<double>(v)) {}
  Json(const char* s) : type_(Type::String), string_(s) {}
  Json(std::string s) : type_(Type::String), string_(std::move(s)) {}
  Json(Array a) : type_(Type::Array), array_(std::move(a)) {}
  Json(Object o) : type_(Type::Object), object_(std::move(o)) {}
  static Json array() { return Json(Array{}); }
  static Json object() { return Json(Object{}); }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_bool() const { return type_ == Type::Bool; }
  bool is_number() const { return type_ == Type::Number; }
  bool is_string() const { return type_ == Type::String; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_object() const { return type_ == Type::Object; }

  // Accessors throw FormatError on a value of another type.
  bool as_bool() const;
  double as_number() const;
  const std::string& as_string() const;
  const Array& as_array() const;
  const Object& as_object() const;
  Array& as_array();
  Object& as_object();

  /// The member named `key` of an object, or nullptr when absent.
  const Json* find(std::string_view key) const;
  /// Appends to an array / sets (appends) a member of an object.
  void push_back(Json v);
  void set(std::string key, Json v);

  /// Compact JSON text; numbers that are whole print without a fraction, non-finite numbers as null.
  std::string dump() const;

 private:
  Type type_ = Type::Null;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  Array array_;
  Object object_;
};

/// Parses exactly one JSON value (RFC 8259; surrounding whitespace allowed). Throws FormatError naming
/// the byte offset and what was expected; duplicate object keys are rejected.
Json parse_json(std::string_view text);

/// `s` as a quoted JSON string literal.
std::string json_quote(std::string_view s);

/// Human name of a JSON type ("number", "object", ...), for error messages.
const char* json_type_name(Json::Type type);

}  // namespace nabla
