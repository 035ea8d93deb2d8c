// Command-line flags for the nabla CLI: "--name value" or "--name=value", each flag at most once, every
// flag checked against the command's list so that a typo is an error (exit code 2), never silently ignored.
// --help (or -h) anywhere among a command's flags asks for that command's usage (exit code 0).
#pragma once
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace nabla::cli {

/// Bad command line: main prints the message and the command's usage, and exits with code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// --help or -h among a command's flags: main prints that command's usage to stdout and exits with code 0.
class HelpRequested : public std::exception {
 public:
  const char* what() const noexcept override { return "help requested"; }
};

class Args {
 public:
  /// Parses argv[first..]; `known` lists the flags (without "--") the command accepts; `switches` those
  /// that take no value. Throws HelpRequested before any other check when --help or -h is present.
  Args(int argc, char** argv, int first, const std::vector<std::string>& known,
       const std::vector<std::string>& switches = {});

  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::string str(const std::string& name, const std::string& fallback) const;
  int64_t integer(const std::string& name, int64_t fallback, int64_t min, int64_t max) const;
  double number(const std::string& name, double fallback) const;

 private:
  std::map<std::string, std::string> values_;
};

/// Levenshtein distance with adjacent transpositions counted as one edit ("--epohcs" is 1 from "--epochs").
size_t edit_distance(const std::string& a, const std::string& b);

/// The candidate closest to `name` when it is a likely typo of it (at most 1 edit for names up to 4
/// characters, 2 up to 8, 3 beyond), else "". Used for "did you mean" hints on flags and commands.
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

/// The part of a usage text that is about one command: its "  nabla <command>" line and the indented
/// lines below it, plus the text's "exit codes:" block. The whole text when the command has no section.
std::string command_usage(const std::string& usage, const std::string& command);

}  // namespace nabla::cli
