// safetensors writer and strict reader: every malformed file is rejected with the field at fault named.
#include "nabla/io/safetensors.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_set>

#include "nabla/error.h"
#include "nabla/io/file.h"
#include "nabla/io/json.h"

namespace nabla {

namespace {

// A header larger than this is not a parameter file but garbage (the Rust reference caps it at 100 MB).
constexpr uint64_t kMaxHeader = 100'000'000;

void put_u64_le(std::vector<uint8_t>& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

uint64_t get_u64_le(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

// float32 <-> little-endian bytes, independent of the host's byte order.
void put_f32_le(uint8_t* p, float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(u >> (8 * i));
}

float get_f32_le(const uint8_t* p) {
  uint32_t u = static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
               static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}

uint64_t get_uint_le(const uint8_t* p, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

// IEEE half: sign, 5 exponent bits (bias 15), 10 mantissa bits; exponent 0 is zero or subnormal.
float get_f16_le(const uint8_t* p) {
  const uint32_t h = uint32_t(get_uint_le(p, 2)), exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
  float f = exp == 0    ? std::ldexp(float(mant), -24)
            : exp == 31 ? (mant ? std::numeric_limits<float>::quiet_NaN() : std::numeric_limits<float>::infinity())
                        : std::ldexp(float(mant | 0x400), int(exp) - 25);
  return (h & 0x8000) ? -f : f;
}
// bfloat16: the top half of a float32.
float get_bf16_le(const uint8_t* p) {
  const uint32_t u = uint32_t(get_uint_le(p, 2)) << 16;
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
float get_f64_le(const uint8_t* p) {
  const uint64_t u = get_uint_le(p, 8);
  double d;
  std::memcpy(&d, &u, 8);
  return float(d);  // rounded to nearest; beyond float's range: +-inf
}
float get_i64_le(const uint8_t* p) { return float(int64_t(get_uint_le(p, 8))); }
float get_i32_le(const uint8_t* p) { return float(int32_t(uint32_t(get_uint_le(p, 4)))); }

// The dtypes the reader converts to float32, the engine's one dtype: PyTorch's half, bfloat16 and double
// weights, and its integer buffers (a BatchNorm's num_batches_tracked is I64).
struct Dtype {
  const char* name;
  uint64_t size;
  float (*get)(const uint8_t*);
};
constexpr Dtype kDtypes[] = {{"F32", 4, get_f32_le},  {"F16", 2, get_f16_le},  {"BF16", 2, get_bf16_le},
                             {"F64", 8, get_f64_le},  {"I64", 8, get_i64_le},  {"I32", 4, get_i32_le}};

// A JSON number that must be a non-negative integer (shape entries, offsets).
uint64_t as_index(const Json& v, const std::string& where) {
  if (!v.is_number())
    throw FormatError("safetensors: " + where + " must be a non-negative integer, found a " +
                      json_type_name(v.type()));
  double d = v.as_number();
  if (!(d >= 0) || d != std::floor(d) || d > 9007199254740992.0)
    throw FormatError("safetensors: " + where + " must be a non-negative integer, found " + Json(d).dump());
  return static_cast<uint64_t>(d);
}

}  // namespace

std::vector<uint8_t> save_safetensors(const NamedTensors& tensors, const Metadata& metadata) {
  Json header = Json::object();
  if (!metadata.empty()) {
    Json meta = Json::object();
    for (const auto& [k, v] : metadata) meta.set(k, v);
    header.set("__metadata__", std::move(meta));
  }
  std::unordered_set<std::string> names;
  uint64_t offset = 0;
  for (const auto& [name, t] : tensors) {
    if (name.empty()) throw ValueError("save_safetensors: a tensor has an empty name");
    if (name == "__metadata__") throw ValueError("save_safetensors: '__metadata__' is reserved, not a tensor name");
    if (!names.insert(name).second) throw ValueError("save_safetensors: duplicate tensor name '" + name + "'");
    if (!t.defined()) throw ValueError("save_safetensors: tensor '" + name + "' is undefined");
    Json shape = Json::array();
    for (int64_t d : t.shape()) shape.push_back(d);
    uint64_t bytes = static_cast<uint64_t>(t.numel()) * 4;
    Json entry = Json::object();
    entry.set("dtype", "F32");
    entry.set("shape", std::move(shape));
    entry.set("data_offsets", Json(Json::Array{Json(offset), Json(offset + bytes)}));
    header.set(name, std::move(entry));
    offset += bytes;
  }
  std::string text = header.dump();
  // Pad with spaces so that the data block starts 8-byte aligned (as the reference writer does).
  while ((8 + text.size()) % 8 != 0) text += ' ';

  std::vector<uint8_t> out;
  out.reserve(8 + text.size() + offset);
  put_u64_le(out, text.size());
  out.insert(out.end(), text.begin(), text.end());
  size_t data_start = out.size();
  out.resize(data_start + offset);
  uint8_t* p = out.data() + data_start;
  for (const auto& [name, t] : tensors) {
    const float* x = t.data();
    for (int64_t i = 0; i < t.numel(); ++i, p += 4) put_f32_le(p, x[i]);
  }
  return out;
}

void save_safetensors_file(const std::string& path, const NamedTensors& tensors, const Metadata& metadata) {
  write_file_bytes(path, save_safetensors(tensors, metadata));
}

SafetensorsFile load_safetensors(const uint8_t* bytes, size_t size) {
  if (size < 8)
    throw FormatError("safetensors: file is " + std::to_string(size) +
                      " bytes, too short for the 8-byte header length");
  uint64_t header_len = get_u64_le(bytes);
  if (header_len > kMaxHeader)
    throw FormatError("safetensors: header length " + std::to_string(header_len) + " exceeds the limit of " +
                      std::to_string(kMaxHeader) + " bytes");
  if (header_len > size - 8)
    throw FormatError("safetensors: header length " + std::to_string(header_len) + " is larger than the " +
                      std::to_string(size - 8) + " bytes that follow it (truncated file?)");
  if (header_len < 2)
    throw FormatError("safetensors: header length " + std::to_string(header_len) + " is too small for a JSON object");
  std::string_view text(reinterpret_cast<const char*>(bytes + 8), header_len);
  if (text.front() != '{')
    throw FormatError("safetensors: header must start with '{' (a JSON object)");

  Json header;
  try {
    header = parse_json(text);
  } catch (const FormatError& e) {
    throw FormatError(std::string("safetensors: header is not valid JSON: ") + e.what());
  }
  if (!header.is_object())
    throw FormatError(std::string("safetensors: header must be a JSON object, found ") +
                      json_type_name(header.type()));

  const uint8_t* data = bytes + 8 + header_len;
  uint64_t data_size = size - 8 - header_len;

  SafetensorsFile file;
  struct Span {
    uint64_t begin, end;
    size_t index;
    const Dtype* type;
  };
  std::vector<Span> spans;
  for (const auto& [name, entry] : header.as_object()) {
    if (name == "__metadata__") {
      if (!entry.is_object())
        throw FormatError(std::string("safetensors: __metadata__ must be an object, found ") +
                          json_type_name(entry.type()));
      for (const auto& [k, v] : entry.as_object()) {
        if (!v.is_string())
          throw FormatError("safetensors: __metadata__." + k + " must be a string, found " + json_type_name(v.type()));
        file.metadata.emplace_back(k, v.as_string());
      }
      continue;
    }
    const std::string where = "tensor '" + name + "'";
    if (!entry.is_object())
      throw FormatError("safetensors: " + where + " must be an object, found " + json_type_name(entry.type()));
    for (const auto& [k, v] : entry.as_object())
      if (k != "dtype" && k != "shape" && k != "data_offsets")
        throw FormatError("safetensors: " + where + " has an unknown field '" + k + "'");

    const Json* dtype = entry.find("dtype");
    if (!dtype) throw FormatError("safetensors: " + where + " has no dtype");
    if (!dtype->is_string())
      throw FormatError("safetensors: " + where + " dtype must be a string, found " + json_type_name(dtype->type()));
    const Dtype* type = nullptr;
    for (const Dtype& d : kDtypes)
      if (dtype->as_string() == d.name) type = &d;
    if (!type)
      throw FormatError("safetensors: " + where + " has dtype '" + dtype->as_string() +
                        "'; supported: F32, F16, BF16, F64, I64, I32 (read as float32)");

    const Json* shape_json = entry.find("shape");
    if (!shape_json) throw FormatError("safetensors: " + where + " has no shape");
    if (!shape_json->is_array())
      throw FormatError("safetensors: " + where + " shape must be an array, found " +
                        json_type_name(shape_json->type()));
    const Json::Array& dims = shape_json->as_array();
    if (dims.size() > static_cast<size_t>(Shape::kMaxRank))
      throw FormatError("safetensors: " + where + " shape has rank " + std::to_string(dims.size()) +
                        "; at most " + std::to_string(Shape::kMaxRank) + " is supported");
    Shape shape;
    uint64_t numel = 1;
    for (size_t i = 0; i < dims.size(); ++i) {
      uint64_t d = as_index(dims[i], where + " shape[" + std::to_string(i) + "]");
      // Checked on its own too: a later 0 would hide it from the product, but no tensor can have it.
      if (d > (uint64_t{1} << 31))
        throw FormatError("safetensors: " + where + " shape[" + std::to_string(i) + "] = " + std::to_string(d) +
                          " is above the 2^31 elements a tensor can hold");
      if (d != 0 && numel > (uint64_t{1} << 40) / d)
        throw FormatError("safetensors: " + where + " shape is too large");
      numel *= d;
      shape.push_back(static_cast<int64_t>(d));
    }

    const Json* offsets = entry.find("data_offsets");
    if (!offsets) throw FormatError("safetensors: " + where + " has no data_offsets");
    if (!offsets->is_array() || offsets->as_array().size() != 2)
      throw FormatError("safetensors: " + where + " data_offsets must be an array of two integers [begin, end]");
    uint64_t begin = as_index(offsets->as_array()[0], where + " data_offsets[0]");
    uint64_t end = as_index(offsets->as_array()[1], where + " data_offsets[1]");
    if (end < begin)
      throw FormatError("safetensors: " + where + " data_offsets [" + std::to_string(begin) + ", " +
                        std::to_string(end) + "] end before begin");
    if (end - begin != numel * type->size)
      throw FormatError("safetensors: " + where + " data_offsets [" + std::to_string(begin) + ", " +
                        std::to_string(end) + "] span " + std::to_string(end - begin) + " bytes but shape " +
                        shape.str() + " of " + type->name + " needs " + std::to_string(numel * type->size));
    if (end > data_size)
      throw FormatError("safetensors: " + where + " data_offsets [" + std::to_string(begin) + ", " +
                        std::to_string(end) + "] run past the end of the data (" + std::to_string(data_size) +
                        " bytes; truncated file?)");
    spans.push_back({begin, end, file.tensors.size(), type});
    file.tensors.emplace_back(name, Tensor::empty(shape));
  }

  // As the reference reader: the tensors must tile the data block exactly, without overlap or gaps.
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  uint64_t expected = 0;
  for (const Span& s : spans) {
    const std::string& name = file.tensors[s.index].first;
    if (s.begin < expected)
      throw FormatError("safetensors: tensor '" + name + "' data_offsets [" + std::to_string(s.begin) + ", " +
                        std::to_string(s.end) + "] overlap the previous tensor, which ends at " +
                        std::to_string(expected));
    if (s.begin > expected)
      throw FormatError("safetensors: tensor '" + name + "' data_offsets begin at " + std::to_string(s.begin) +
                        ", leaving a gap after byte " + std::to_string(expected));
    expected = s.end;
  }
  if (expected != data_size)
    throw FormatError("safetensors: the data block has " + std::to_string(data_size) + " bytes but the tensors use " +
                      std::to_string(expected) + " (trailing bytes)");

  for (const Span& s : spans) {
    Tensor& t = file.tensors[s.index].second;
    float* out = t.data();
    const uint8_t* p = data + s.begin;
    for (int64_t i = 0; i < t.numel(); ++i, p += s.type->size) out[i] = s.type->get(p);
  }
  // Data-offset order is the order the writer used, which for our files is the model's parameter order.
  NamedTensors ordered;
  ordered.reserve(spans.size());
  for (const Span& s : spans) ordered.push_back(std::move(file.tensors[s.index]));
  file.tensors = std::move(ordered);
  return file;
}

SafetensorsFile load_safetensors(const std::vector<uint8_t>& bytes) {
  return load_safetensors(bytes.data(), bytes.size());
}

SafetensorsFile load_safetensors_file(const std::string& path) {
  std::vector<uint8_t> bytes = read_file_bytes(path);
  try {
    return load_safetensors(bytes);
  } catch (const FormatError& e) {
    throw FormatError(std::string(e.what()) + " (in '" + path + "')");
  }
}

namespace {
// A BatchNorm's num_batches_tracked may be missing from a state, as from files written before nabla saved it:
// the count is informational here (the running statistics use momentum).
bool is_batch_count(const std::string& name) {
  const std::string suffix = "num_batches_tracked";
  return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

void load_state_dict(const NamedTensors& params, const NamedTensors& state) {
  std::string missing, unexpected;
  std::vector<std::pair<const Tensor*, const Tensor*>> pairs;
  for (const auto& [name, p] : params) {
    auto it = std::find_if(state.begin(), state.end(), [&name = name](const auto& s) { return s.first == name; });
    if (it == state.end() && is_batch_count(name)) continue;
    if (it == state.end()) {
      missing += (missing.empty() ? "'" : ", '") + name + "'";
      continue;
    }
    if (it->second.shape() != p.shape())
      throw ShapeError("load_state_dict: '" + name + "' has shape " + it->second.shape().str() +
                       " in the file but " + p.shape().str() + " in the model");
    pairs.push_back({&p, &it->second});
  }
  for (const auto& [name, s] : state) {
    auto it = std::find_if(params.begin(), params.end(), [&name = name](const auto& p) { return p.first == name; });
    if (it == params.end()) unexpected += (unexpected.empty() ? "'" : ", '") + name + "'";
  }
  if (!missing.empty() || !unexpected.empty()) {
    std::string msg = "load_state_dict:";
    if (!missing.empty()) msg += " missing " + missing + (unexpected.empty() ? "" : ";");
    if (!unexpected.empty()) msg += " unexpected " + unexpected;
    throw ValueError(msg);
  }
  for (auto [dst, src] : pairs)
    std::copy(src->data(), src->data() + src->numel(), const_cast<Tensor*>(dst)->data());
}

}  // namespace nabla
