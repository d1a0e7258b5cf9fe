#ifndef KEYLEDGER_TESTS_FUZZ_API_HARNESS_H_
#define KEYLEDGER_TESTS_FUZZ_API_HARNESS_H_

// The real API without sockets, for fuzz targets: a store in a temp directory
// (on /dev/shm when it exists, so synced writes are cheap), a ledger with a
// fixed clock, Bootstrap (server admin "admin" / kFuzzAdminPassword), the Api
// routes on a Router, and a few objects to aim at: an Admin key of org 1, a
// service account with one token, a legacy key, a second org and a user.
//
// One harness per process (Get()); it is rebuilt from scratch every
// kRunsPerHarness inputs so the state stays small during long runs.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "eventstore/event_store.h"
#include "http/api.h"
#include "http/metrics.h"
#include "http/request.h"
#include "http/router.h"
#include "projections/ledger.h"

namespace keyledger::fuzz {

inline constexpr const char* kFuzzAdminPassword = "fuzz-admin-pw";

class ApiHarness {
 public:
  // The harness for this input (creates or rebuilds it as needed).
  static ApiHarness& Get();
  ~ApiHarness();

  // Dispatches `request` through the Router, then waits for key-use
  // recording, and checks the invariants every answer must keep (aborts on
  // a violation, which the fuzzer reports):
  //  - never 500 (a client's mistake is never a server error);
  //  - an error (>= 400) has a JSON object body with a string "message";
  //  - a 4xx answer appended nothing to the log.
  http::Response DispatchChecked(const http::Request& request);

  std::string admin_basic;  // "Basic base64(admin:password)"
  std::string admin_key;    // secret of an Admin key of org 1
  std::string editor_key;   // secret of an Editor key of org 1
  std::string token;        // secret of a token of service_account
  int64_t service_account = 0;
  int64_t token_id = 0;
  int64_t legacy_key_id = 0;
  int64_t org_b = 0;
  int64_t user_id = 0;

 private:
  ApiHarness();
  void Setup();

  std::filesystem::path dir_;
  std::unique_ptr<eventstore::EventStore> store_;
  std::unique_ptr<projections::Ledger> ledger_;
  std::unique_ptr<http::Metrics> metrics_;
  std::unique_ptr<http::Api> api_;
  std::unique_ptr<http::Router> router_;
};

// Base64 (standard, padded) of `text`.
std::string Base64(std::string_view text);

}  // namespace keyledger::fuzz

#endif  // KEYLEDGER_TESTS_FUZZ_API_HARNESS_H_
