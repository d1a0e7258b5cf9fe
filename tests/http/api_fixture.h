#ifndef KEYLEDGER_TESTS_HTTP_API_FIXTURE_H_
#define KEYLEDGER_TESTS_HTTP_API_FIXTURE_H_

// The whole API over real HTTP: a store in a temp directory, a ledger with a
// settable clock, Bootstrap (org 1 "Main Org.", server admin admin/admin-pw),
// Api::AddRoutes on a Router, and a Server on 127.0.0.1 with an ephemeral
// port. Helpers send requests as the admin (Basic), with a key (Bearer), or
// anonymously, and set up orgs, users and keys.
//
//   ApiFixture api;
//   auto key = api.CreateKey("ci", "Admin");            // via POST /api/auth/keys
//   TestResponse r = api.AsKey(key.secret, "GET", "/api/auth/keys");

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "domain/commands.h"
#include "domain/context.h"
#include "eventstore/event_store.h"
#include "http/api.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "projections/ledger.h"
#include "tests/http/test_client.h"
#include "tests/http/test_server.h"

namespace keyledger::http::testing {

inline constexpr std::string_view kAdminPassword = "admin-pw";

struct CreatedKey {
  int64_t id = 0;
  std::string secret;
};

class ApiFixture {
 public:
  // `limits`: the [auth]/[service_accounts] settings (default: no TTL limit,
  // so keys may be created without secondsToLive).
  explicit ApiFixture(domain::Limits limits = NoLimits());
  ~ApiFixture();

  static domain::Limits NoLimits() {
    return domain::Limits{.api_key_max_seconds_to_live = -1,
                          .token_expiration_day_limit = -1};
  }

  // Stops the server, closes store and ledger, reopens them on the same
  // directory and serves again (a process restart: in-memory caches are gone).
  void Restart();

  // Requests. `headers` are added (e.g. X-Grafana-Org-Id, Idempotency-Key).
  TestResponse AsAdmin(std::string_view method, std::string_view target,
                       std::string_view body = {}, TestHeaders headers = {});
  TestResponse AsKey(std::string_view secret, std::string_view method,
                     std::string_view target, std::string_view body = {},
                     TestHeaders headers = {});
  TestResponse AsUser(std::string_view login, std::string_view password,
                      std::string_view method, std::string_view target,
                      std::string_view body = {}, TestHeaders headers = {});
  TestResponse Anonymous(std::string_view method, std::string_view target,
                         std::string_view body = {}, TestHeaders headers = {});

  // Setup through HTTP as the admin (in org `org`); fails the test on error.
  CreatedKey CreateKey(std::string_view name, std::string_view role = "Admin",
                       int64_t org = 1);
  int64_t CreateServiceAccount(std::string_view name,
                               std::string_view role = "Viewer", int64_t org = 1);
  CreatedKey CreateToken(int64_t service_account, std::string_view name,
                         int64_t org = 1);

  // Setup through ledger commands as the server admin (no HTTP needed).
  int64_t CreateOrg(const std::string& name);
  int64_t CreateUser(const std::string& login, const std::string& password,
                     int64_t org, const std::string& role);
  projections::Outcome Run(const domain::Command& command);

  // Waits until background key-use recording has caught up.
  void FlushKeyUse() { api_->FlushKeyUse(); }
  void AdvanceClock(int64_t seconds) { now += seconds; }
  domain::State StateCopy() const;
  // Number of events in the log.
  uint64_t LastPosition() const { return store->LastPosition(); }

  static std::string Basic(std::string_view user, std::string_view password);
  static TestHeaders OrgHeader(int64_t org);

  std::filesystem::path dir;
  std::atomic<int64_t> now{1'700'000'000};
  domain::Limits limits;
  std::unique_ptr<eventstore::EventStore> store;
  std::unique_ptr<projections::Ledger> ledger;
  LockedLog log;  // the server's access log
  std::ostream log_stream{&log};
  std::unique_ptr<Metrics> metrics;
  std::unique_ptr<Api> api_;
  std::unique_ptr<Router> router;
  std::unique_ptr<Server> server;
  std::unique_ptr<TestClient> client;
  uint16_t port = 0;

 private:
  void Open();
  void Close();
};

}  // namespace keyledger::http::testing

#endif  // KEYLEDGER_TESTS_HTTP_API_FIXTURE_H_
