// Helper of crash_test.cc: appends from several threads until killed and
// reports every acknowledged append on stdout as "<position> <payload>\n"
// (one write() per line, atomic on a pipe).
//
// Usage: eventstore_crash_child DIR THREADS

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "eventstore/event_store.h"

using keyledger::eventstore::AppendRequest;
using keyledger::eventstore::EventStore;
using keyledger::eventstore::ExpectedVersion;

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  auto store = EventStore::Open(argv[1]);
  if (!store) {
    std::fprintf(stderr, "open: %s\n", store.error().message.c_str());
    return 1;
  }
  const int threads = std::atoi(argv[2]);
  const std::string run = std::to_string(getpid());
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (long i = 0;; ++i) {
        AppendRequest request;
        request.stream = "crash-" + std::to_string(t);
        request.expected = ExpectedVersion::Any();
        const std::string payload =
            run + "-" + std::to_string(t) + "-" + std::to_string(i);
        request.events.push_back({"test.v1.Crash", payload});
        auto r = (*store)->Append(std::move(request));
        if (!r) std::_Exit(1);
        const std::string line =
            std::to_string(r->first_position) + " " + payload + "\n";
        if (write(STDOUT_FILENO, line.data(), line.size()) < 0) std::_Exit(1);
      }
    });
  }
  for (auto& w : workers) w.join();
  return 0;
}
