// fsync_loop: the raw one-fsync-per-write ceiling (issue 3, issue 8). One
// thread appends 4 KiB blocks to a new file in DIR with fdatasync after each,
// for SECONDS, and prints the rate and the p50/p99 latency of one
// write+fdatasync. The file is removed at the end.
//
//   fsync_loop DIR SECONDS

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: fsync_loop DIR SECONDS\n");
    return 2;
  }
  const std::string path = std::string(argv[1]) + "/fsync_loop.dat";
  const double seconds = std::stod(argv[2]);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0600);
  if (fd < 0) {
    std::perror("fsync_loop: open");
    return 1;
  }
  std::vector<char> block(4096, 'x');
  std::vector<double> latencies_ms;
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration<double>(seconds);
  while (Clock::now() < end) {
    const auto t0 = Clock::now();
    if (::write(fd, block.data(), block.size()) !=
            static_cast<ssize_t>(block.size()) ||
        ::fdatasync(fd) != 0) {
      std::perror("fsync_loop: write");
      return 1;
    }
    latencies_ms.push_back(
        std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  const double elapsed =
      std::chrono::duration<double>(Clock::now() - start).count();
  ::close(fd);
  ::unlink(path.c_str());
  std::sort(latencies_ms.begin(), latencies_ms.end());
  auto pct = [&](double p) {
    return latencies_ms.empty()
               ? 0.0
               : latencies_ms[std::min(latencies_ms.size() - 1,
                                       static_cast<size_t>(p * latencies_ms.size()))];
  };
  std::printf("writes=%zu per_s=%.1f p50_ms=%.3f p99_ms=%.3f\n",
              latencies_ms.size(), latencies_ms.size() / elapsed, pct(0.50),
              pct(0.99));
  return 0;
}
