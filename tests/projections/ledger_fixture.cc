#include "ledger_fixture.h"

#include <stdlib.h>

#include <boost/test/unit_test.hpp>

#include "domain/secret_hash.h"
#include "projections/bootstrap.h"
#include "projections/random_secret.h"

namespace keyledger::testing {
namespace {

template <typename Event, typename Outcome>
int64_t IdOf(const Outcome& outcome, int64_t Event::*field) {
  for (const auto& event : outcome.events) {
    if (const auto* e = std::get_if<Event>(&event)) return e->*field;
  }
  BOOST_FAIL("the command produced no event of the expected type");
  return 0;
}

}  // namespace

LedgerFixture::LedgerFixture() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "keyledger-test-XXXXXX").string();
  BOOST_REQUIRE(mkdtemp(pattern.data()) != nullptr);
  dir = pattern;
  Reopen();
  auto boot = projections::Bootstrap(*ledger, "admin", "admin-password");
  BOOST_REQUIRE_MESSAGE(boot.has_value(), "bootstrap failed");
}

LedgerFixture::~LedgerFixture() {
  Close();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

void LedgerFixture::Close() {
  ledger.reset();
  store.reset();
}

void LedgerFixture::Reopen() {
  Close();
  auto opened = eventstore::EventStore::Open(dir.string());
  BOOST_REQUIRE_MESSAGE(opened.has_value(), "cannot open the store");
  store = std::move(*opened);
  auto l = projections::Ledger::Open(*store, domain::Limits{},
                                     [this] { return now.load(); });
  BOOST_REQUIRE_MESSAGE(l.has_value(), "cannot open the ledger");
  ledger = std::move(*l);
}

projections::Outcome LedgerFixture::Run(const domain::Command& command) {
  projections::CommandMeta meta;
  meta.actor = {domain::ActorKind::kServerAdmin, 1, "admin"};
  meta.actor_role = domain::Role::kAdmin;
  meta.actor_is_server_admin = true;
  meta.request_id = "test";
  meta.client_address = "127.0.0.1";
  auto outcome = ledger->Execute(command, meta);
  BOOST_REQUIRE_MESSAGE(outcome.has_value(),
                        "command failed: " << (outcome ? "" : outcome.error().message));
  return *outcome;
}

std::string LedgerFixture::RunExpectingError(const domain::Command& command) {
  projections::CommandMeta meta;
  meta.actor = {domain::ActorKind::kServerAdmin, 1, "admin"};
  meta.actor_role = domain::Role::kAdmin;
  meta.actor_is_server_admin = true;
  auto outcome = ledger->Execute(command, meta);
  return outcome ? "" : outcome.error().message;
}

int64_t LedgerFixture::CreateKey(const std::string& name, int64_t org,
                                 std::optional<int64_t> seconds_to_live) {
  domain::CreateApiKey command{org, name, "Editor", {seconds_to_live, std::nullopt},
                               domain::HashNewSecret(projections::RandomAlnum(32))};
  return IdOf(Run(command), &domain::ApiKeyCreated::key_id);
}

int64_t LedgerFixture::CreateServiceAccount(const std::string& name, int64_t org) {
  domain::CreateServiceAccount command{org, name, "Viewer", false};
  return IdOf(Run(command), &domain::ServiceAccountCreated::service_account_id);
}

int64_t LedgerFixture::CreateToken(int64_t service_account, const std::string& name,
                                   int64_t org) {
  domain::CreateToken command{org, service_account, name, {3600, std::nullopt},
                              domain::HashNewSecret(projections::RandomAlnum(32))};
  return IdOf(Run(command), &domain::TokenCreated::key_id);
}

domain::State LedgerFixture::StateCopy() const {
  return ledger->Read([](const domain::State& s) { return s; });
}

}  // namespace keyledger::testing
