// One name table per enum (activation, loss, optimizer): each kind's C++/CLI name, its JS API spelling and
// an older spelling still accepted. The engine, the CLI and the bindings resolve names through these
// tables only, so a name is never translated on the way through.
#pragma once
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nabla/error.h"

namespace nabla {

template <class Kind>
struct KindName {
  Kind kind;
  std::string name;     // C++ and CLI: snake_case (leaky_relu, cross_entropy)
  std::string js_name;  // JS API: camelCase (leakyRelu, crossEntropy)
  std::string alias;    // another spelling still accepted (the playground's URL tokens), or ""
};

template <class Kind>
class NameTable {
 public:
  /// `spec` lists the kinds in the enum's order, separated by spaces, each as name[:jsName[:alias]]
  /// (jsName defaults to name): "relu leaky_relu:leakyRelu:leaky tanh".
  NameTable(const char* what, std::string_view spec) : what_(what) {
    size_t start = 0;
    while (start < spec.size()) {
      size_t end = std::min(spec.find(' ', start), spec.size());
      std::string_view word = spec.substr(start, end - start);
      std::string parts[3];
      for (int i = 0; i < 3 && !word.empty(); ++i) {
        size_t colon = std::min(word.find(':'), word.size());
        parts[i] = word.substr(0, colon);
        word.remove_prefix(std::min(colon + 1, word.size()));
      }
      if (parts[1].empty()) parts[1] = parts[0];
      entries_.push_back({static_cast<Kind>(entries_.size()), parts[0], parts[1], parts[2]});
      start = end + 1;
    }
  }

  const std::vector<KindName<Kind>>& entries() const { return entries_; }

  /// The kind spelled `s` in any of its spellings (name, JS name, alias), or nullopt.
  std::optional<Kind> find(std::string_view s) const {
    for (const KindName<Kind>& e : entries_)
      if (s == e.name || s == e.js_name || (!e.alias.empty() && s == e.alias)) return e.kind;
    return std::nullopt;
  }

  /// find(s), or ValueError "<what>: unknown name 's' (expected one of a, b, c)".
  Kind parse(const std::string& s) const {
    if (auto k = find(s)) return *k;
    throw ValueError(std::string(what_) + ": unknown name '" + s + "' (expected one of " + choices() + ")");
  }

  const char* name(Kind k) const { return entry(k).name.c_str(); }
  const char* js_name(Kind k) const { return entry(k).js_name.c_str(); }

  /// "a, b, c": the C++ names (or the JS names).
  std::string choices(bool js = false) const {
    std::string out;
    for (const KindName<Kind>& e : entries_) out += (out.empty() ? "" : ", ") + (js ? e.js_name : e.name);
    return out;
  }

 private:
  const KindName<Kind>& entry(Kind k) const {
    for (const KindName<Kind>& e : entries_)
      if (e.kind == k) return e;
    throw ValueError(std::string(what_) + ": kind outside the table");
  }

  const char* what_;
  std::vector<KindName<Kind>> entries_;
};

}  // namespace nabla
