// Whole-file reads and writes of bytes, shared by the safetensors and IDX readers and the CLI.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace nabla {

/// The file's bytes; throws Error naming the path when it cannot be opened or read.
std::vector<uint8_t> read_file_bytes(const std::string& path);
/// Replaces the file with `bytes`; throws Error naming the path on failure.
void write_file_bytes(const std::string& path, const std::vector<uint8_t>& bytes);

}  // namespace nabla
