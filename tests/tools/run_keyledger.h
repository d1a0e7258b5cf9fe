#ifndef KEYLEDGER_TESTS_TOOLS_RUN_KEYLEDGER_H_
#define KEYLEDGER_TESTS_TOOLS_RUN_KEYLEDGER_H_

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace keyledger::testing {

struct RunResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs the built `keyledger` binary with `args` (shell words) and waits.
inline RunResult RunKeyledger(const std::string& args,
                              const std::string& env = "") {
  const std::string command =
      env + " " + KEYLEDGER_BINARY + std::string(" ") + args + " 2>&1";
  RunResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.output.append(buffer.data(), n);
  }
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace keyledger::testing

#endif  // KEYLEDGER_TESTS_TOOLS_RUN_KEYLEDGER_H_
