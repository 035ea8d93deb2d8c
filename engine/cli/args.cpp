// Flag parsing with strict checks: unknown flags (with a "did you mean" hint), missing values, repeats and
// malformed numbers; --help; and the per-command slice of the usage text.
#include "args.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace nabla::cli {

Args::Args(int argc, char** argv, int first, const std::vector<std::string>& known,
           const std::vector<std::string>& switches) {
  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") throw HelpRequested();
  }
  std::vector<std::string> names = known;
  names.insert(names.end(), switches.begin(), switches.end());
  names.push_back("help");
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
    if (!is_switch && std::find(known.begin(), known.end(), name) == known.end()) {
      std::string hint = closest_name(name, names);
      throw UsageError("unknown flag '--" + name + "'" + (hint.empty() ? "" : "; did you mean '--" + hint + "'?"));
    }
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

size_t edit_distance(const std::string& a, const std::string& b) {
  // Optimal string alignment: three rows of the dynamic programme suffice.
  std::vector<size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closest_name(const std::string& name, const std::vector<std::string>& candidates) {
  const size_t allowed = name.size() <= 4 ? 1 : name.size() <= 8 ? 2 : 3;
  std::string best;
  size_t best_distance = allowed + 1;
  for (const std::string& c : candidates) {
    size_t d = edit_distance(name, c);
    if (d < best_distance) best_distance = d, best = c;
  }
  return best;
}

std::string command_usage(const std::string& usage, const std::string& command) {
  std::istringstream in(usage);
  std::string line, section, exit_codes;
  bool in_section = false, in_exit_codes = false;
  const std::string head = "  nabla " + command;
  while (std::getline(in, line)) {
    const bool command_line = line.rfind("  nabla ", 0) == 0;
    if (command_line) in_section = line.rfind(head, 0) == 0 && (line.size() == head.size() || line[head.size()] == ' ');
    else if (line.rfind("    ", 0) != 0) in_section = false;
    if (line.rfind("exit codes:", 0) == 0) in_exit_codes = true;
    else if (line.empty()) in_exit_codes = false;
    if (in_section) section += line + "\n";
    if (in_exit_codes) exit_codes += line + "\n";
  }
  if (section.empty()) return usage;
  return "usage:\n" + section + (exit_codes.empty() ? "" : "\n" + exit_codes);
}

}  // namespace nabla::cli
