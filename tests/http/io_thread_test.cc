#define BOOST_TEST_MODULE http_io_thread_test
#include <boost/test/unit_test.hpp>

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include "http/io_thread.h"
#include "tests/http/test_server.h"

using keyledger::http::SchedulerSlice;
using keyledger::http::ServerSettings;
using keyledger::http::testing::TestServer;
using namespace std::chrono_literals;

namespace {

// This process's threads named "kl-io-<n>", by name, with their thread ids.
std::map<std::string, pid_t> IoThreads() {
  std::map<std::string, pid_t> threads;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream comm(task.path() / "comm");
    std::string name;
    std::getline(comm, name);
    if (name.starts_with("kl-io-")) {
      threads[name] = static_cast<pid_t>(std::stol(task.path().filename()));
    }
  }
  return threads;
}

// Waits (up to 10 s) until the server's two I/O threads report `slice`;
// returns what they report then.
std::map<std::string, std::chrono::microseconds> IoSlicesOnceSettled(
    std::chrono::microseconds slice) {
  std::map<std::string, std::chrono::microseconds> slices;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  do {
    slices.clear();
    for (const auto& [name, tid] : IoThreads()) slices[name] = SchedulerSlice(tid);
    if (slices.size() == 2 && slices.begin()->second == slice &&
        slices.rbegin()->second == slice) {
      break;
    }
    std::this_thread::sleep_for(10ms);
  } while (std::chrono::steady_clock::now() < deadline);
  return slices;
}

ServerSettings TwoIoThreads(std::chrono::microseconds slice) {
  ServerSettings settings;
  settings.io_threads = 2;
  settings.io_slice = slice;
  return settings;
}

}  // namespace

BOOST_AUTO_TEST_CASE(io_threads_are_named_and_get_the_configured_slice) {
  const auto kernel_default = SchedulerSlice(0);
  TestServer server(TwoIoThreads(250us));
  server.Start();
  if (kernel_default.count() == 0) {
    // A kernel without per-thread slices: the server says so once (its I/O
    // threads name themselves and log after Start() returns).
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while ((IoThreads().size() < 2 ||
            server.Log().find("time slice") == std::string::npos) &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(10ms);
    }
    BOOST_TEST(IoThreads().size() == 2u);
    BOOST_TEST(server.Log().find("I/O threads keep the default time slice") !=
               std::string::npos, server.Log());
    return;
  }
  const auto slices = IoSlicesOnceSettled(250us);
  BOOST_TEST(slices.size() == 2u);
  BOOST_TEST(slices.count("kl-io-0") == 1u);
  BOOST_TEST(slices.count("kl-io-1") == 1u);
  for (const auto& [name, slice] : slices) {
    BOOST_TEST(slice.count() == 250, name);
  }
  BOOST_TEST(server.Log().find("time slice") == std::string::npos, server.Log());
  // The test's own thread keeps its slice: the setting is per I/O thread.
  BOOST_TEST(SchedulerSlice(0) == kernel_default);
}

BOOST_AUTO_TEST_CASE(a_zero_slice_leaves_the_kernel_default) {
  const auto kernel_default = SchedulerSlice(0);
  TestServer server(TwoIoThreads(0us));
  server.Start();
  const auto slices = IoSlicesOnceSettled(kernel_default);
  BOOST_TEST(slices.size() == 2u);
  for (const auto& [name, slice] : slices) {
    BOOST_TEST(slice == kernel_default, name);
  }
}
