// Flag parsing with strict checks: unknown flags, missing values, repeats and malformed numbers.
#include "args.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace nabla::cli {

Args::Args(int argc, char** argv, int first, const std::vector<std::string>& known,
           const std::vector<std::string>& switches) {
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0 || arg.size() == 2) throw UsageError("unexpected argument '" + arg + "'");
    std::string name = arg.substr(2), value;
    bool inline_value = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    bool is_switch = std::find(switches.begin(), switches.end(), name) != switches.end();
    if (!is_switch && std::find(known.begin(), known.end(), name) == known.end())
      throw UsageError("unknown flag '--" + name + "'");
    if (values_.count(name)) throw UsageError("flag '--" + name + "' given twice");
    if (is_switch) {
      if (inline_value) throw UsageError("flag '--" + name + "' takes no value");
      value = "1";
    } else if (!inline_value) {
      if (i + 1 >= argc) throw UsageError("flag '--" + name + "' needs a value");
      value = argv[++i];
    }
    values_[name] = value;
  }
}

std::string Args::str(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

int64_t Args::integer(const std::string& name, int64_t fallback, int64_t min, int64_t max) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  const std::string& s = it->second;
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || errno == ERANGE)
    throw UsageError("flag '--" + name + "' needs an integer, got '" + s + "'");
  if (v < min || v > max)
    throw UsageError("flag '--" + name + "' must be in [" + std::to_string(min) + ", " + std::to_string(max) +
                     "], got " + s);
  return v;
}

double Args::number(const std::string& name, double fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  const std::string& s = it->second;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !std::isfinite(v))
    throw UsageError("flag '--" + name + "' needs a finite number, got '" + s + "'");
  return v;
}

}  // namespace nabla::cli
