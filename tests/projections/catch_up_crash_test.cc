#define BOOST_TEST_MODULE catch_up_crash_test
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "domain/secret_hash.h"
#include "eventstore/event_codec.h"
#include "ledger_fixture.h"
#include "projections/rebuild.h"
#include "projections/state_loader.h"

namespace p = keyledger::projections;
using keyledger::testing::LedgerFixture;

namespace {

// Starts `keyledger rebuild` on `dir`; with `kill_after`, kills it with
// SIGKILL then. Returns whether it finished by itself.
bool RunRebuild(const std::string& dir,
                std::optional<std::chrono::microseconds> kill_after) {
  const pid_t child = fork();
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execl(KEYLEDGER_BINARY, KEYLEDGER_BINARY, "rebuild", "--data-dir",
          dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  if (kill_after) {
    std::this_thread::sleep_for(*kill_after);
    kill(child, SIGKILL);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

// A rebuild (and the catch-up on the next open) killed at a random moment
// never leaves a view that disagrees with the log: rows and checkpoints are
// written together, and a restart applies no event twice.
BOOST_AUTO_TEST_CASE(a_killed_rebuild_is_repaired_on_open_without_double_application) {
  LedgerFixture f;
  // 20,000 events in a few big appends (the ledger stages them like any
  // other), so that a rebuild takes long enough to be killed midway.
  namespace d = keyledger::domain;
  for (int chunk = 0; chunk < 10; ++chunk) {
    const d::State state = f.StateCopy();
    keyledger::eventstore::AppendRequest request;
    request.stream = "org-1";
    request.metadata.actor_kind = "system";
    for (int i = 0; i < 1000; ++i) {
      const int64_t sa = state.next_user_id + i;
      const int64_t key = state.next_key_id + i;
      const std::string name = "sa-" + std::to_string(sa);
      request.events.push_back(keyledger::eventstore::EncodeEvent(d::ServiceAccountCreated{
          1, sa, name, "sa-1-" + name, d::Role::kViewer, false, f.now}));
      request.events.push_back(keyledger::eventstore::EncodeEvent(d::TokenCreated{
          1, sa, key, "token-" + std::to_string(key), d::Role::kViewer,
          {d::HashScheme::kSha256, d::Sha256Hex(name)}, f.now, std::nullopt}));
    }
    BOOST_TEST_REQUIRE(f.store->Append(std::move(request)).has_value());
  }
  const keyledger::domain::State expected = f.StateCopy();
  const std::string dir = f.dir.string();
  f.Close();

  const auto start = std::chrono::steady_clock::now();
  BOOST_TEST_REQUIRE(RunRebuild(dir, std::nullopt));
  const auto full = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<int64_t> pick(0, full.count());
  int killed = 0;
  for (int cycle = 0; cycle < 8; ++cycle) {
    killed += RunRebuild(dir, std::chrono::microseconds(pick(random))) ? 0 : 1;
    f.Reopen();  // catches the views up from whatever the kill left
    BOOST_TEST((f.StateCopy() == expected), "cycle " << cycle);
    auto rebuilt = p::ComputeViewRows(*f.store, p::ViewSet::All());
    auto live = p::ReadViewRows(*f.store, p::ViewSet::All());
    BOOST_TEST_REQUIRE((rebuilt && live));
    BOOST_TEST(p::DiffViewRows(*rebuilt, *live).empty(), "cycle " << cycle);
    f.Close();
  }
  BOOST_TEST_MESSAGE(killed << " of 8 rebuilds were killed midway");
}
