// Model parameters on disk in the safetensors format, so that weights trained here open in PyTorch and back.
// Layout: 8-byte little-endian header length N, N bytes of JSON header
//   {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ..., "__metadata__": {str: str}}
// padded with spaces to a multiple of 8, then the raw little-endian data; offsets are relative to the
// start of the data block. Written as F32 (the engine's one dtype); read from F32, F16, BF16, F64, I64 and I32
// (PyTorch's half, bfloat16 and double weights, its integer buffers such as num_batches_tracked), converted to
// float32 (rounded to nearest; integers beyond 2^24 lose their low bits).
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "nabla/tensor/tensor.h"

namespace nabla {

/// Named tensors in a fixed order, as a model's state_dict.
using NamedTensors = std::vector<std::pair<std::string, Tensor>>;
/// String key/value pairs stored under "__metadata__".
using Metadata = std::vector<std::pair<std::string, std::string>>;

struct SafetensorsFile {
  NamedTensors tensors;  // in data-offset order (the order they were written)
  Metadata metadata;
};

/// The bytes of a safetensors file holding `tensors` (written in the given order). Throws ValueError on
/// an empty or duplicate name or a name equal to "__metadata__".
std::vector<uint8_t> save_safetensors(const NamedTensors& tensors, const Metadata& metadata = {});
/// Writes save_safetensors(...) to `path`; throws Error when the file cannot be written.
void save_safetensors_file(const std::string& path, const NamedTensors& tensors, const Metadata& metadata = {});

/// Parses safetensors bytes. Throws FormatError naming the field at fault: header length, JSON, dtype,
/// shape, data_offsets (out of range, overlapping, gaps, wrong size) or truncated data.
SafetensorsFile load_safetensors(const uint8_t* bytes, size_t size);
SafetensorsFile load_safetensors(const std::vector<uint8_t>& bytes);
SafetensorsFile load_safetensors_file(const std::string& path);

/// Copies `state` into the existing tensors `params` (in place, as PyTorch's load_state_dict with strict=True).
/// Throws ValueError naming missing or unexpected names and ShapeError naming a tensor whose shape differs;
/// nothing is copied unless everything matches. A BatchNorm's num_batches_tracked may be missing from `state`
/// (files from before nabla saved it); it is then left as it is.
void load_state_dict(const NamedTensors& params, const NamedTensors& state);

}  // namespace nabla
