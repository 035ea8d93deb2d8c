// Whole-file byte I/O.
#include "nabla/io/file.h"

#include <fstream>

#include "nabla/error.h"

namespace nabla {

std::vector<uint8_t> read_file_bytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary | std::ios::ate);
  if (!f) throw Error("cannot open '" + path + "' for reading");
  std::streamsize n = f.tellg();
  if (n < 0) throw Error("cannot read '" + path + "'");
  std::vector<uint8_t> bytes(static_cast<size_t>(n));
  f.seekg(0);
  if (n > 0 && !f.read(reinterpret_cast<char*>(bytes.data()), n)) throw Error("reading '" + path + "' failed");
  return bytes;
}

void write_file_bytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) throw Error("cannot open '" + path + "' for writing");
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) throw Error("writing '" + path + "' failed");
}

}  // namespace nabla
