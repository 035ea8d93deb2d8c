// Repetition and JSON rendering for the native benchmarks.
#include <algorithm>
#include <cstdio>

#include "bench_util.h"

namespace nabla::bench {

std::vector<double> repeat(const std::function<double()>& fn, int reps, int warmup) {
  for (int i = 0; i < warmup; ++i) fn();
  std::vector<double> out;
  for (int i = 0; i < reps; ++i) out.push_back(fn());
  return out;
}

static std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string row_json(const Row& row) {
  std::string out = "{\"case\": \"" + row.name + "\", \"backend\": \"" + escape(row.backend) + "\"";
  if (!row.error.empty()) return out + ", \"error\": \"" + escape(row.error) + "\"}";
  std::vector<double> s = row.samples;
  std::sort(s.begin(), s.end());
  const size_t n = s.size();
  const double median = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  char buf[256];
  std::snprintf(buf, sizeof buf, ", \"unit\": \"%s\", \"median\": %.6g, \"min\": %.6g, \"max\": %.6g, \"n\": %zu",
                row.unit.c_str(), median, s.front(), s.back(), n);
  out += ", \"params\": {" + row.params + "}" + buf + ", \"samples\": [";
  for (size_t i = 0; i < row.samples.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%s%.6g", i ? ", " : "", row.samples[i]);
    out += buf;
  }
  out += "]";
  if (!row.extra.empty()) out += ", " + row.extra;
  return out + "}";
}

}  // namespace nabla::bench
