#include "tools/progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace keyledger::tools {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kWidth = 30;

double Seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

}  // namespace

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)),
      terminal_(isatty(STDERR_FILENO) == 1),
      start_(Clock::now()),
      last_print_(start_) {}

void ProgressBar::Update(uint64_t done, uint64_t total) {
  const auto now = Clock::now();
  const auto interval = terminal_ ? std::chrono::milliseconds(100)
                                  : std::chrono::milliseconds(2000);
  if (now - last_print_ < interval) return;
  last_print_ = now;
  Print(done, total, false);
}

void ProgressBar::Finish(uint64_t done) { Print(done, done, true); }

void ProgressBar::Print(uint64_t done, uint64_t total, bool final) {
  const double elapsed = Seconds(Clock::now() - start_);
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  const double fraction = total ? static_cast<double>(done) / static_cast<double>(total) : 1;
  const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
  if (terminal_) {
    const int filled = static_cast<int>(fraction * kWidth);
    std::fprintf(stderr, "\r%s [%.*s%*s] %3.0f%% %llu/%llu events %.0f ev/s ETA %.0fs%s",
                 label_.c_str(), filled, "##############################",
                 kWidth - filled, "", fraction * 100,
                 static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(total), rate, eta,
                 final ? "\n" : "");
  } else {
    std::fprintf(stderr, "%s: %llu/%llu events (%.0f%%) %.0f ev/s ETA %.0fs\n",
                 label_.c_str(), static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(total), fraction * 100, rate,
                 final ? 0.0 : eta);
  }
  std::fflush(stderr);
}

}  // namespace keyledger::tools
