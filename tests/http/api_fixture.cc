#include "tests/http/api_fixture.h"

#include <openssl/evp.h>
#include <stdlib.h>

#include <boost/test/unit_test.hpp>
#include <boost/json/serialize.hpp>

#include "domain/secret_hash.h"
#include "projections/bootstrap.h"

namespace keyledger::http::testing {
namespace {

TestHeaders With(TestHeaders headers, std::string authorization) {
  headers.emplace_back("Authorization", std::move(authorization));
  return headers;
}

}  // namespace

ApiFixture::ApiFixture(domain::Limits l) : limits(l) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "keyledger-api-XXXXXX").string();
  BOOST_REQUIRE(mkdtemp(pattern.data()) != nullptr);
  dir = pattern;
  Open();
  auto boot = projections::Bootstrap(*ledger, "admin", std::string(kAdminPassword));
  BOOST_REQUIRE_MESSAGE(boot.has_value(), "bootstrap failed");
}

ApiFixture::~ApiFixture() {
  Close();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

void ApiFixture::Open() {
  auto opened = eventstore::EventStore::Open(dir.string());
  BOOST_REQUIRE_MESSAGE(opened.has_value(), "cannot open the store");
  store = std::move(*opened);
  auto l = projections::Ledger::Open(*store, limits, [this] { return now.load(); });
  BOOST_REQUIRE_MESSAGE(l.has_value(), "cannot open the ledger");
  ledger = std::move(*l);
  metrics = std::make_unique<Metrics>();
  api_ = std::make_unique<Api>(*ledger, *metrics, ApiSettings{});
  router = std::make_unique<Router>();
  api_->AddRoutes(*router);
  ServerSettings settings;
  settings.address = "127.0.0.1";
  settings.port = 0;
  settings.handler_threads = 8;
  server = std::make_unique<Server>(settings, *router, *metrics, log_stream);
  port = server->Start();
  client = std::make_unique<TestClient>(port);
}

void ApiFixture::Close() {
  client.reset();
  if (server) server->Stop();
  server.reset();
  router.reset();
  api_.reset();
  metrics.reset();
  ledger.reset();
  store.reset();
}

void ApiFixture::Restart() {
  Close();
  Open();
}

std::string ApiFixture::Basic(std::string_view user, std::string_view password) {
  const std::string plain = std::string(user) + ":" + std::string(password);
  std::string out(4 * ((plain.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(plain.data()),
                                static_cast<int>(plain.size()));
  out.resize(static_cast<size_t>(n));
  return "Basic " + out;
}

TestHeaders ApiFixture::OrgHeader(int64_t org) {
  return {{"X-Grafana-Org-Id", std::to_string(org)}};
}

TestResponse ApiFixture::AsAdmin(std::string_view method, std::string_view target,
                                 std::string_view body, TestHeaders headers) {
  return AsUser("admin", kAdminPassword, method, target, body, std::move(headers));
}

TestResponse ApiFixture::AsKey(std::string_view secret, std::string_view method,
                               std::string_view target, std::string_view body,
                               TestHeaders headers) {
  return client->Request(method, target, body,
                         With(std::move(headers), "Bearer " + std::string(secret)));
}

TestResponse ApiFixture::AsUser(std::string_view login, std::string_view password,
                                std::string_view method, std::string_view target,
                                std::string_view body, TestHeaders headers) {
  return client->Request(method, target, body,
                         With(std::move(headers), Basic(login, password)));
}

TestResponse ApiFixture::Anonymous(std::string_view method, std::string_view target,
                                   std::string_view body, TestHeaders headers) {
  return client->Request(method, target, body, headers);
}

CreatedKey ApiFixture::CreateKey(std::string_view name, std::string_view role,
                                 int64_t org) {
  boost::json::object body{{"name", name}, {"role", role}};
  TestResponse r = AsAdmin("POST", "/api/auth/keys", boost::json::serialize(body),
                           OrgHeader(org));
  BOOST_REQUIRE_MESSAGE(r.status == 200, "create key: " << r.status << " " << r.body);
  const auto json = r.Json().as_object();
  return {json.at("id").as_int64(), std::string(json.at("key").as_string())};
}

int64_t ApiFixture::CreateServiceAccount(std::string_view name,
                                         std::string_view role, int64_t org) {
  boost::json::object body{{"name", name}, {"role", role}};
  TestResponse r = AsAdmin("POST", "/api/serviceaccounts",
                           boost::json::serialize(body), OrgHeader(org));
  BOOST_REQUIRE_MESSAGE(r.status == 201, "create SA: " << r.status << " " << r.body);
  return r.Json().at("id").as_int64();
}

CreatedKey ApiFixture::CreateToken(int64_t service_account, std::string_view name,
                                   int64_t org) {
  boost::json::object body{{"name", name}};
  TestResponse r = AsAdmin(
      "POST", "/api/serviceaccounts/" + std::to_string(service_account) + "/tokens",
      boost::json::serialize(body), OrgHeader(org));
  BOOST_REQUIRE_MESSAGE(r.status == 200, "create token: " << r.status << " " << r.body);
  const auto json = r.Json().as_object();
  return {json.at("id").as_int64(), std::string(json.at("key").as_string())};
}

projections::Outcome ApiFixture::Run(const domain::Command& command) {
  projections::CommandMeta meta;
  meta.actor = {domain::ActorKind::kServerAdmin, 1, "admin"};
  meta.actor_role = domain::Role::kAdmin;
  meta.actor_is_server_admin = true;
  meta.request_id = "fixture";
  auto outcome = ledger->Execute(command, meta);
  BOOST_REQUIRE_MESSAGE(outcome.has_value(),
                        "command failed: " << (outcome ? "" : outcome.error().message));
  return *outcome;
}

int64_t ApiFixture::CreateOrg(const std::string& name) {
  projections::Outcome outcome = Run(domain::CreateOrg{name});
  return std::get<domain::OrgCreated>(outcome.events.at(0)).org_id;
}

int64_t ApiFixture::CreateUser(const std::string& login, const std::string& password,
                               int64_t org, const std::string& role) {
  const std::string salt = "salt-" + login;
  projections::Outcome created = Run(domain::CreateUser{
      login, login + "@example.com", login, domain::HashPassword(password, salt),
      salt, false});
  const int64_t id = std::get<domain::UserCreated>(created.events.at(0)).user_id;
  Run(domain::AddOrgUser{org, login, role});
  return id;
}

domain::State ApiFixture::StateCopy() const {
  return ledger->Read([](const domain::State& s) { return s; });
}

}  // namespace keyledger::http::testing
