// Command-line flags for the nabla CLI: "--name value" or "--name=value", each flag at most once, every
// flag checked against the command's list so that a typo is an error (exit code 2), never silently ignored.
#pragma once
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace nabla::cli {

/// Bad command line: main prints the message and the usage, and exits with code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Args {
 public:
  /// Parses argv[first..]; `known` lists the flags (without "--") the command accepts; `switches` those
  /// that take no value.
  Args(int argc, char** argv, int first, const std::vector<std::string>& known,
       const std::vector<std::string>& switches = {});

  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::string str(const std::string& name, const std::string& fallback) const;
  int64_t integer(const std::string& name, int64_t fallback, int64_t min, int64_t max) const;
  double number(const std::string& name, double fallback) const;

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace nabla::cli
