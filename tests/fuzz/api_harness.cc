#include "tests/fuzz/api_harness.h"

#include <google/protobuf/stubs/logging.h>
#include <openssl/evp.h>
#include <stdlib.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "projections/bootstrap.h"

namespace keyledger::fuzz {
namespace {

constexpr int kRunsPerHarness = 5000;

[[noreturn]] void Fail(const std::string& what, const http::Request& request,
                       const http::Response& response) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n%s %s\n%s\n-> %d %s\n",
               what.c_str(), request.method.c_str(), request.target.c_str(),
               request.body.c_str(), response.status, response.body.c_str());
  std::abort();
}

std::filesystem::path MakeTempDir() {
  const std::filesystem::path base =
      std::filesystem::exists("/dev/shm")
          ? std::filesystem::path("/dev/shm")
          : std::filesystem::temp_directory_path();
  std::string pattern = (base / "keyledger-fuzz-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp");
  return pattern;
}

boost::json::object MustJson(const http::Response& r, int status,
                             const char* what) {
  if (r.status != status) {
    throw std::runtime_error(std::string("fuzz setup: ") + what + ": " +
                             std::to_string(r.status) + " " + r.body);
  }
  return boost::json::parse(r.body).as_object();
}

}  // namespace

std::string Base64(std::string_view text) {
  std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
  const int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(text.data()),
                      static_cast<int>(text.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

ApiHarness& ApiHarness::Get() {
  static std::unique_ptr<ApiHarness> harness;
  static int runs = 0;
  if (!harness || ++runs % kRunsPerHarness == 0) {
    harness.reset();
    harness.reset(new ApiHarness());
    static bool registered = [] {
      std::atexit([] { harness.reset(); });
      return true;
    }();
    (void)registered;
  }
  return *harness;
}

// Protobuf only logs (and carries on) when a string field is not UTF-8; the
// stored event then cannot be parsed back. Make that a finding.
void AbortOnProtobufErrors() {
  google::protobuf::SetLogHandler([](google::protobuf::LogLevel level,
                                     const char* file, int line,
                                     const std::string& message) {
    std::fprintf(stderr, "protobuf %s:%d: %s\n", file, line, message.c_str());
    if (level >= google::protobuf::LOGLEVEL_ERROR) std::abort();
  });
}

ApiHarness::ApiHarness() : dir_(MakeTempDir()) {
  AbortOnProtobufErrors();
  auto store = eventstore::EventStore::Open(dir_.string());
  if (!store) throw std::runtime_error("fuzz setup: cannot open the store");
  store_ = std::move(*store);
  auto ledger = projections::Ledger::Open(
      *store_, domain::Limits{}, [] { return int64_t{1'700'000'000}; });
  if (!ledger) throw std::runtime_error("fuzz setup: cannot open the ledger");
  ledger_ = std::move(*ledger);
  if (!projections::Bootstrap(*ledger_, "admin", kFuzzAdminPassword)) {
    throw std::runtime_error("fuzz setup: bootstrap failed");
  }
  metrics_ = std::make_unique<http::Metrics>();
  api_ = std::make_unique<http::Api>(*ledger_, *metrics_, http::ApiSettings{});
  router_ = std::make_unique<http::Router>();
  api_->AddRoutes(*router_);
  Setup();
}

ApiHarness::~ApiHarness() {
  router_.reset();
  api_.reset();
  metrics_.reset();
  ledger_.reset();
  store_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void ApiHarness::Setup() {
  admin_basic = "Basic " + Base64(std::string("admin:") + kFuzzAdminPassword);
  auto as_admin = [&](std::string method, std::string target,
                      std::string body) {
    return router_->Dispatch(
        http::MakeRequest(std::move(method), target, std::move(body),
                          {{"Authorization", admin_basic},
                           {"Content-Type", "application/json"}}));
  };
  admin_key = std::string(
      MustJson(
          as_admin(
              "POST", "/api/auth/keys",
              R"({"name":"fuzz-admin","role":"Admin","secondsToLive":86400})"),
          200, "admin key")
          .at("key")
          .as_string());
  editor_key = std::string(
      MustJson(
          as_admin(
              "POST", "/api/auth/keys",
              R"({"name":"fuzz-editor","role":"Editor","secondsToLive":86400})"),
          200, "editor key")
          .at("key")
          .as_string());
  legacy_key_id =
      MustJson(
          as_admin(
              "POST", "/api/auth/keys",
              R"({"name":"fuzz-legacy","role":"Viewer","secondsToLive":86400})"),
          200, "legacy key")
          .at("id")
          .as_int64();
  service_account = MustJson(as_admin("POST", "/api/serviceaccounts",
                                      R"({"name":"fuzz-sa","role":"Viewer"})"),
                             201, "service account")
                        .at("id")
                        .as_int64();
  auto tok =
      MustJson(as_admin("POST",
                        "/api/serviceaccounts/" +
                            std::to_string(service_account) + "/tokens",
                        R"({"name":"fuzz-token","secondsToLive":86400})"),
               200, "token");
  token = std::string(tok.at("key").as_string());
  token_id = tok.at("id").as_int64();
  org_b = MustJson(as_admin("POST", "/api/orgs", R"({"name":"fuzz-org-b"})"),
                   200, "org")
              .at("orgId")
              .as_int64();
  user_id =
      MustJson(as_admin("POST", "/api/admin/users",
                        R"({"login":"fuzz-user","password":"fuzz-user-pw"})"),
               200, "user")
          .at("id")
          .as_int64();
  // Warm up key-use recording so later requests with these keys append
  // nothing (the clock is fixed: one KeyUsed per key, ever).
  for (const std::string* secret : {&admin_key, &editor_key, &token}) {
    router_->Dispatch(
        http::MakeRequest("GET", "/api/auth/verify", {},
                          {{"Authorization", "Bearer " + *secret}}));
  }
  api_->FlushKeyUse();
}

http::Response ApiHarness::DispatchChecked(const http::Request& request) {
  const uint64_t before = store_->LastPosition();
  http::Response response = router_->Dispatch(request);
  api_->FlushKeyUse();
  const uint64_t after = store_->LastPosition();
  static const bool verbose = std::getenv("KEYLEDGER_FUZZ_VERBOSE") != nullptr;
  if (verbose) {
    std::fprintf(stderr, "%s %s -> %d %.200s\n", request.method.c_str(),
                 request.target.c_str(), response.status,
                 response.body.c_str());
  }
  if (response.status >= 500) Fail("5xx answer", request, response);
  if (response.status >= 400) {
    boost::system::error_code ec;
    boost::json::value body = boost::json::parse(response.body, ec);
    if (ec || !body.is_object() || !body.as_object().contains("message") ||
        !body.as_object().at("message").is_string()) {
      Fail("error without a JSON message", request, response);
    }
    if (after != before)
      Fail("a 4xx answer wrote to the log", request, response);
  }
  return response;
}

}  // namespace keyledger::fuzz
