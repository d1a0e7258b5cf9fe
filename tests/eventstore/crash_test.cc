#define BOOST_TEST_MODULE eventstore_crash_test
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <random>
#include <sstream>
#include <utility>

#include "eventstore/event_store.h"
#include "eventstore/verify.h"
#include "tests/eventstore/store_test_util.h"

#ifndef KEYLEDGER_CRASH_CHILD
#error "KEYLEDGER_CRASH_CHILD must name the crash_child executable"
#endif

namespace keyledger::eventstore {
namespace {

using testing::OpenOrThrow;
using testing::TempDir;

struct Ack {
  uint64_t position;
  std::string payload;
};

// Starts the child on `dir` with its stdout on a pipe; returns pid and fd.
std::pair<pid_t, int> StartChild(const std::string& dir) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl(KEYLEDGER_CRASH_CHILD, KEYLEDGER_CRASH_CHILD, dir.c_str(), "4",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  return {pid, fds[0]};
}

// Reads the pipe until `deadline` (if any) or EOF, or with `until_data`
// until something arrived; appends to `out`.
void ReadPipe(int fd, std::string& out,
              std::optional<std::chrono::steady_clock::time_point> deadline,
              bool until_data = false) {
  char buffer[4096];
  for (;;) {
    int wait_ms = -1;
    if (deadline) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          *deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return;
      wait_ms = static_cast<int>(left.count());
    }
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, wait_ms) <= 0) return;
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) return;
    out.append(buffer, static_cast<size_t>(n));
    if (until_data) return;
  }
}

std::vector<Ack> ParseAcks(const std::string& text) {
  std::vector<Ack> acks;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // a line without '\n' was cut by the kill
    std::istringstream fields(line);
    Ack ack;
    fields >> ack.position >> ack.payload;
    acks.push_back(ack);
  }
  return acks;
}

// Runs the child until its first ack plus `run_for`, kills it, and returns
// what it acknowledged.
std::vector<Ack> RunAndKill(const std::string& dir,
                            std::chrono::milliseconds run_for) {
  auto [pid, fd] = StartChild(dir);
  std::string text;
  const auto now = std::chrono::steady_clock::now;
  ReadPipe(fd, text, now() + std::chrono::seconds(30), /*until_data=*/true);
  ReadPipe(fd, text, now() + run_for);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ReadPipe(fd, text, std::nullopt);  // acks written before the kill
  close(fd);
  BOOST_TEST_REQUIRE(WIFSIGNALED(status), "the child died before the kill");
  return ParseAcks(text);
}

BOOST_AUTO_TEST_SUITE(crash)

BOOST_AUTO_TEST_CASE(every_acknowledged_append_survives_sigkill) {
  TempDir dir;
  std::random_device seed_source;
  const unsigned seed = seed_source();
  BOOST_TEST_MESSAGE("seed " << seed);
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> run_ms(0, 400);
  size_t total_acks = 0;
  for (int round = 0; round < 5; ++round) {
    std::vector<Ack> acks =
        RunAndKill(dir.path(), std::chrono::milliseconds(run_ms(random)));
    total_acks += acks.size();
    auto store = OpenOrThrow(dir.path());
    for (const Ack& ack : acks) {
      auto event = store->ReadAll(ack.position, 1);
      BOOST_REQUIRE(event);
      BOOST_REQUIRE_MESSAGE(event->size() == 1, "acknowledged position "
                                                    << ack.position
                                                    << " is missing");
      BOOST_TEST_REQUIRE((*event)[0].payload == ack.payload);
    }
    auto report = VerifyLog(*store);
    BOOST_REQUIRE(report);
    BOOST_TEST_REQUIRE(!report->first_bad_position.has_value(),
                       report->problem);
    BOOST_TEST(report->last_position == store->LastPosition());
    BOOST_TEST_MESSAGE("round " << round << ": " << acks.size()
                                << " acks, log at " << report->last_position);
  }
  BOOST_TEST(total_acks > 0u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::eventstore
