// Runs a shell command for the CLI tests and collects its exit code and output (stdout and stderr).
#pragma once
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace nabla {

struct CliResult {
  int code;
  std::string out;  // stdout and stderr
};

inline CliResult run_command(const std::string& command) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return {-1, "popen failed"};
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

/// The built `nabla` CLI with `args`.
inline CliResult run(const std::string& args) { return run_command(std::string(NABLA_CLI_PATH) + " " + args); }

#ifdef NABLA_BENCH_PATH
/// The built benchmark executable `nabla_bench` with `args` (its own program, with the CLI's conventions).
inline CliResult run_bench(const std::string& args) {
  return run_command(std::string(NABLA_BENCH_PATH) + " " + args);
}
#endif

}  // namespace nabla
