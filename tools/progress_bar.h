#ifndef KEYLEDGER_TOOLS_PROGRESS_BAR_H_
#define KEYLEDGER_TOOLS_PROGRESS_BAR_H_

// Progress of a long operation on stderr: a redrawn bar with rate and ETA on
// a terminal, a plain line every few seconds otherwise. (Debian packages no
// C++ progress-bar library, so this small one is ours.)

#include <chrono>
#include <cstdint>
#include <string>

namespace keyledger::tools {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  // Reports `done` of `total` units; cheap to call often.
  void Update(uint64_t done, uint64_t total);
  // Prints the final line.
  void Finish(uint64_t done);

 private:
  void Print(uint64_t done, uint64_t total, bool final);

  std::string label_;
  bool terminal_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_print_;
};

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_PROGRESS_BAR_H_
