// store_bench: synced append throughput and latency of the event store at 1,
// 8 and 64 concurrent appenders, each measurement next to the machine's raw
// ceiling (4 KiB append + fdatasync in a loop, same directory), the two
// alternating in half-second slices. Not a test.
//
// Usage: store_bench [--dir DIR] [--seconds S] [--quick]

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "eventstore/event_store.h"

namespace {

using Clock = std::chrono::steady_clock;
using keyledger::eventstore::AppendRequest;
using keyledger::eventstore::EventStore;
using keyledger::eventstore::ExpectedVersion;

// Raw samples of one mode, accumulated over interleaved slices.
struct Samples {
  std::vector<double> latencies_ms;
  double seconds = 0;
  void Add(Samples other) {
    latencies_ms.insert(latencies_ms.end(), other.latencies_ms.begin(),
                        other.latencies_ms.end());
    seconds += other.seconds;
  }
};

struct Measurement {
  double ops_per_second = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  size_t ops = 0;
};

Measurement Summarize(Samples samples) {
  std::vector<double>& latencies_ms = samples.latencies_ms;
  const double seconds = samples.seconds;
  Measurement m;
  m.ops = latencies_ms.size();
  if (latencies_ms.empty()) return m;
  std::sort(latencies_ms.begin(), latencies_ms.end());
  m.ops_per_second = static_cast<double>(m.ops) / seconds;
  m.p50_ms = latencies_ms[latencies_ms.size() / 2];
  m.p99_ms = latencies_ms[std::min(latencies_ms.size() - 1,
                                   latencies_ms.size() * 99 / 100)];
  return m;
}

double MillisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start)
      .count();
}

// One writer appending 4 KiB blocks to a fresh file, fdatasync after each.
Samples RawFsync(const std::string& dir, double seconds) {
  const std::string path = dir + "/raw_fsync.dat";
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
  if (fd < 0) throw std::runtime_error("cannot create " + path);
  const std::string block(4096, 'x');
  std::vector<double> latencies;
  const auto start = Clock::now();
  while (MillisSince(start) < seconds * 1000) {
    const auto t = Clock::now();
    if (write(fd, block.data(), block.size()) != 4096 || fdatasync(fd) != 0) {
      close(fd);
      throw std::runtime_error("raw write failed");
    }
    latencies.push_back(MillisSince(t));
  }
  const double elapsed = MillisSince(start) / 1000;
  close(fd);
  std::filesystem::remove(path);
  return {std::move(latencies), elapsed};
}

// `appenders` threads, each appending one small event per call, synced.
Samples StoreAppends(EventStore& store, int appenders, double seconds) {
  std::vector<std::vector<double>> per_thread(appenders);
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (int t = 0; t < appenders; ++t) {
    threads.emplace_back([&, t] {
      AppendRequest request;
      request.stream = "bench-" + std::to_string(t % 16);
      request.expected = ExpectedVersion::Any();
      request.events.push_back({"bench.v1.Small", std::string(100, 'e')});
      request.metadata.actor_kind = "system";
      while (MillisSince(start) < seconds * 1000) {
        const auto began = Clock::now();
        if (!store.Append(request)) throw std::runtime_error("append failed");
        per_thread[t].push_back(MillisSince(began));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const double elapsed = MillisSince(start) / 1000;
  std::vector<double> all;
  for (auto& v : per_thread) all.insert(all.end(), v.begin(), v.end());
  return {std::move(all), elapsed};
}

void PrintRow(const char* what, int appenders, const Measurement& m,
              const Measurement* raw) {
  std::printf("%-10s %9d %10.0f %9.3f %9.3f", what, appenders, m.ops_per_second,
              m.p50_ms, m.p99_ms);
  if (raw != nullptr && raw->ops_per_second > 0) {
    std::printf(" %11.1fx %11.2fx", m.ops_per_second / raw->ops_per_second,
                m.p50_ms / raw->p50_ms);
  }
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  namespace po = boost::program_options;
  std::string dir;
  double seconds = 3;
  po::options_description flags("store_bench options");
  flags.add_options()("help", "show this help")(
      "dir", po::value(&dir), "directory to measure in (default: a temp dir)")(
      "seconds", po::value(&seconds), "seconds per measurement (default 3)")(
      "quick", "one second per measurement");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, flags), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "store_bench: %s\n", e.what());
    return 2;
  }
  if (vm.count("help")) {
    std::printf("%s\n",
                "usage: store_bench [--dir DIR] [--seconds S] [--quick]");
    return 0;
  }
  if (vm.count("quick")) seconds = 1;
  const bool own_dir = dir.empty();
  if (own_dir) {
    dir = (std::filesystem::temp_directory_path() /
           ("store_bench-" + std::to_string(getpid())))
              .string();
  }
  std::filesystem::create_directories(dir);
  int status = 0;
  try {
    auto store = EventStore::Open(dir + "/store");
    if (!store) throw std::runtime_error(store.error().message);
    std::printf("store_bench in %s, %.1f s per measurement, sync=true\n\n",
                dir.c_str(), seconds);
    std::printf("%-10s %9s %10s %9s %9s %12s %12s\n", "mode", "appenders",
                "ops/s", "p50 ms", "p99 ms", "ops vs raw", "p50 vs raw");
    // The disk's fsync latency drifts (on VMs a lot), so both modes run in
    // alternating slices of kSlice and are compared over the same period.
    constexpr double kSlice = 0.5;
    for (int appenders : {1, 8, 64}) {
      Samples raw_samples, store_samples;
      for (double done = 0; done < seconds; done += kSlice) {
        raw_samples.Add(RawFsync(dir, kSlice));
        store_samples.Add(StoreAppends(**store, appenders, kSlice));
      }
      const Measurement raw = Summarize(std::move(raw_samples));
      PrintRow("raw-fsync", 1, raw, nullptr);
      PrintRow("store", appenders, Summarize(std::move(store_samples)), &raw);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "store_bench: %s\n", e.what());
    status = 1;
  }
  if (own_dir) std::filesystem::remove_all(dir);
  return status;
}
