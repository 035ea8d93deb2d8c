// Small text helpers shared by the parsers of model specs and learning-rate schedules.
#pragma once
#include <string>
#include <vector>

namespace nabla {

/// The parts of s between separators, empty ones kept: split("a,,b", ',') = {"a", "", "b"}; split("", ',') = {""}.
inline std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t end = s.find(sep, start);
    parts.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

}  // namespace nabla
