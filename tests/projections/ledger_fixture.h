#ifndef KEYLEDGER_TESTS_PROJECTIONS_LEDGER_FIXTURE_H_
#define KEYLEDGER_TESTS_PROJECTIONS_LEDGER_FIXTURE_H_

// A real store in a temp directory with a ledger over it, a settable clock,
// and helpers that run commands as the server admin of org 1.

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "domain/commands.h"
#include "eventstore/event_store.h"
#include "projections/ledger.h"

namespace keyledger::testing {

class LedgerFixture {
 public:
  LedgerFixture();
  ~LedgerFixture();

  // Closes and reopens store and ledger on the same directory.
  void Reopen();
  void Close();

  // Runs a command as the server admin; fails the test on an error.
  projections::Outcome Run(const domain::Command& command);
  // Runs a command and returns the error message ("" on success).
  std::string RunExpectingError(const domain::Command& command);

  // Convenience commands in org `org`; return the new id.
  int64_t CreateKey(const std::string& name, int64_t org = 1,
                    std::optional<int64_t> seconds_to_live = 3600);
  int64_t CreateServiceAccount(const std::string& name, int64_t org = 1);
  int64_t CreateToken(int64_t service_account, const std::string& name,
                      int64_t org = 1);

  domain::State StateCopy() const;

  std::filesystem::path dir;
  std::atomic<int64_t> now{1'700'000'000};
  std::unique_ptr<eventstore::EventStore> store;
  std::unique_ptr<projections::Ledger> ledger;
};

}  // namespace keyledger::testing

#endif  // KEYLEDGER_TESTS_PROJECTIONS_LEDGER_FIXTURE_H_
