// Authentication over HTTP: reference §5 (order and messages), §6 #39-43;
// SPEC §5 (X-Grafana-Org-Id, verify endpoint, last use), §8.

#define BOOST_TEST_MODULE http_api_auth_test
#include <boost/test/unit_test.hpp>

#include "eventstore/event_codec.h"
#include "tests/http/api_fixture.h"

namespace keyledger::http::testing {
namespace {

std::string Message(const TestResponse& r) {
  return std::string(r.Json().at("message").as_string());
}

TestResponse Verify(ApiFixture& api, const std::string& secret, TestHeaders h = {}) {
  return api.AsKey(secret, "GET", "/api/auth/verify", {}, std::move(h));
}

BOOST_AUTO_TEST_SUITE(api_auth)

BOOST_AUTO_TEST_CASE(checks_run_in_order_expired_revoked_org_disabled) {
  ApiFixture api;
  const int64_t org2 = api.CreateOrg("Second");
  const int64_t sa = api.CreateServiceAccount("robot");
  const std::string tokens = "/api/serviceaccounts/" + std::to_string(sa) + "/tokens";
  TestResponse created = api.AsAdmin("POST", tokens, R"({"name":"t","secondsToLive":10})");
  const std::string secret(created.Json().at("key").as_string());
  const std::string id = std::to_string(created.Json().at("id").as_int64());
  BOOST_REQUIRE(api.AsAdmin("PATCH", "/api/serviceaccounts/" + std::to_string(sa),
                            R"({"isDisabled":true})")
                    .status == 200);
  BOOST_REQUIRE(api.AsAdmin("POST", tokens + "/" + id + "/revoke").status == 200);
  // All four failures hold; each check masks the later ones.
  api.AdvanceClock(10);  // expires <= now
  TestResponse expired = Verify(api, secret, ApiFixture::OrgHeader(org2));
  BOOST_TEST(expired.status == 401);
  BOOST_TEST(Message(expired) == "Expired API key");
  api.AdvanceClock(-1);
  TestResponse revoked = Verify(api, secret, ApiFixture::OrgHeader(org2));
  BOOST_TEST(revoked.status == 401);
  BOOST_TEST(Message(revoked) == "Revoked API key");
}

BOOST_AUTO_TEST_CASE(org_mismatch_comes_before_disabled_account) {
  ApiFixture api;
  const int64_t org2 = api.CreateOrg("Second");
  const int64_t sa = api.CreateServiceAccount("robot");
  CreatedKey token = api.CreateToken(sa, "t");
  BOOST_REQUIRE(api.AsAdmin("PATCH", "/api/serviceaccounts/" + std::to_string(sa),
                            R"({"isDisabled":true})")
                    .status == 200);
  TestResponse mismatch = Verify(api, token.secret, ApiFixture::OrgHeader(org2));
  BOOST_TEST(mismatch.status == 401);
  BOOST_TEST(Message(mismatch) == "API key does not belong to the requested organization");
  TestResponse disabled = Verify(api, token.secret);
  BOOST_TEST(disabled.status == 401);
  BOOST_TEST(Message(disabled) == "Service account is disabled");
  BOOST_REQUIRE(api.AsAdmin("PATCH", "/api/serviceaccounts/" + std::to_string(sa),
                            R"({"isDisabled":false})")
                    .status == 200);
  BOOST_TEST(Verify(api, token.secret).status == 200);
}

BOOST_AUTO_TEST_CASE(malformed_unknown_and_deleted_keys_are_invalid) {  // §6 #43
  ApiFixture api;
  for (const char* secret : {"123123", "glsa_iNValIdinValiDinvalidinvalidinva_5b582697",
                             "eyJrIjoiVjFxTHZ6dGdPSjg5Um92MjN1RlhjMkNqYkZUbm9jYkwiLCJuIjoiZ3JhZmFuYSIsImlkIjoxfQ=="}) {
    TestResponse r = Verify(api, secret);
    BOOST_TEST(r.status == 401);
    BOOST_TEST(Message(r) == "Invalid API key");
  }
  TestResponse no_auth = api.Anonymous("GET", "/api/auth/verify");
  BOOST_TEST(no_auth.status == 401);
  TestResponse bad_password = api.AsUser("admin", "wrong", "GET", "/api/auth/keys");
  BOOST_TEST(bad_password.status == 401);
}

BOOST_AUTO_TEST_CASE(the_secret_cache_never_lets_a_deleted_key_through) {
  ApiFixture api;
  CreatedKey key = api.CreateKey("cached", "Viewer");
  BOOST_REQUIRE(Verify(api, key.secret).status == 200);
  BOOST_REQUIRE(Verify(api, key.secret).status == 200);  // now from the cache
  BOOST_REQUIRE(api.AsAdmin("DELETE", "/api/auth/keys/" + std::to_string(key.id)).status ==
                200);
  TestResponse r = Verify(api, key.secret);
  BOOST_TEST(r.status == 401);
  BOOST_TEST(Message(r) == "Invalid API key");
}

BOOST_AUTO_TEST_CASE(verify_reports_a_legacy_key_identity) {  // §6 #39
  ApiFixture api;
  CreatedKey key = api.CreateKey("ci", "Admin");
  TestResponse r = Verify(api, key.secret);
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.Header("X-Keyledger-Identity") == "api-key:" + std::to_string(key.id));
  BOOST_TEST(r.Header("X-Keyledger-Org-Id") == "1");
  BOOST_TEST(r.Header("X-Keyledger-Role") == "Admin");
}

// Verify is answered on the I/O thread when no PBKDF2 hash is needed; a key
// imported from Grafana (reference §6 #40 vector) needs one, so its request
// goes to the handler pool, and answers the same.
BOOST_AUTO_TEST_CASE(verify_answers_imported_pbkdf2_keys_and_users_too) {
  namespace d = keyledger::domain;
  ApiFixture api;
  eventstore::AppendRequest request;
  request.stream = "org-1";
  request.metadata.actor_kind = "system";
  const int64_t key_id = api.StateCopy().next_key_id;
  request.events.push_back(eventstore::EncodeEvent(d::ApiKeyCreated{
      1, key_id, "grafana", d::Role::kEditor,
      {d::HashScheme::kPbkdf2Sha256,
       "02e7a8a565078bba0ec230a99921aca74bfcdd06d6e3202ee3bd4e8ffd1542dc3c79ce1a"
       "ad9150792240bd4487bb87fa24ad"},
      api.now, std::nullopt}));
  BOOST_REQUIRE(api.store->Append(std::move(request)).has_value());
  const std::string grafana_key =
      "eyJrIjoiVjFxTHZ6dGdPSjg5Um92MjN1RlhjMkNqYkZUbm9jYkwiLCJuIjoiZ3JhZmFuYSIsImlkIjoxfQ==";
  for (int i = 0; i < 2; ++i) {  // the second answer comes from the cache
    TestResponse r = Verify(api, grafana_key);
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.Header("X-Keyledger-Identity") == "api-key:" + std::to_string(key_id));
    BOOST_TEST(r.Header("X-Keyledger-Role") == "Editor");
  }
  // The same key with another secret: the PBKDF2 comparison says no.
  TestResponse wrong = Verify(
      api, "eyJrIjoiV3JvbmdTZWNyZXRXcm9uZ1NlY3JldFdyb25nU2VjcmUiLCJuIjoiZ3JhZmFuYSIsImlkIjoxfQ==");
  BOOST_TEST(wrong.status == 401);
  BOOST_TEST(Message(wrong) == "Invalid API key");
  // An unknown token could only match an imported row's PBKDF2 hash.
  TestResponse unknown =
      Verify(api, "glsa_iNValIdinValiDinvalidinvalidinva_5b582697");
  BOOST_TEST(unknown.status == 401);
  // Basic user:password is checked on the pool too.
  TestResponse user = api.AsUser("admin", std::string(kAdminPassword), "GET",
                                 "/api/auth/verify");
  BOOST_TEST(user.status == 200);
  BOOST_TEST(user.Header("X-Keyledger-Identity").starts_with("user:"));
}

BOOST_AUTO_TEST_CASE(an_admin_key_is_not_a_server_admin) {
  ApiFixture api;
  const int64_t org2 = api.CreateOrg("Second");
  CreatedKey key = api.CreateKey("ci", "Admin");
  TestResponse r = api.AsKey(key.secret, "GET", "/api/auth/keys", {},
                             ApiFixture::OrgHeader(org2));
  BOOST_TEST(r.status == 401);
}

BOOST_AUTO_TEST_CASE(users_act_in_their_orgs_and_the_server_admin_in_any) {
  ApiFixture api;
  const int64_t org2 = api.CreateOrg("Second");
  api.CreateUser("alice", "pw-alice", org2, "Admin");
  // No header: alice's first org.
  CreatedKey key2 = api.CreateKey("in-two", "Viewer", org2);
  TestResponse mine = api.AsUser("alice", "pw-alice", "GET", "/api/auth/keys");
  BOOST_TEST(mine.status == 200);
  BOOST_TEST(mine.Json().as_array().size() == 1u);
  TestResponse foreign = api.AsUser("alice", "pw-alice", "GET", "/api/auth/keys", {},
                                    ApiFixture::OrgHeader(1));
  BOOST_TEST(foreign.status == 403);
  BOOST_TEST(api.AsAdmin("GET", "/api/auth/keys", {}, ApiFixture::OrgHeader(org2)).status ==
             200);
  BOOST_TEST(api.AsAdmin("GET", "/api/auth/keys", {}, ApiFixture::OrgHeader(99)).status /
                 100 == 4);
  BOOST_TEST(api.AsAdmin("GET", "/api/auth/keys", {}, {{"X-Grafana-Org-Id", "abc"}}).status ==
             400);
  (void)key2;
}

BOOST_AUTO_TEST_CASE(last_use_is_recorded_at_most_every_five_minutes) {  // §6 #4
  ApiFixture api;
  CreatedKey key = api.CreateKey("used", "Admin");
  BOOST_TEST(!api.AsAdmin("GET", "/api/auth/keys").Json().as_array()[0].as_object().contains(
      "lastUsedAt"));
  BOOST_REQUIRE(Verify(api, key.secret).status == 200);
  api.FlushKeyUse();
  const uint64_t after_first = api.LastPosition();
  auto listed = api.AsAdmin("GET", "/api/auth/keys").Json().as_array()[0].as_object();
  BOOST_TEST(listed.contains("lastUsedAt"));
  api.AdvanceClock(60);
  BOOST_REQUIRE(Verify(api, key.secret).status == 200);
  api.FlushKeyUse();
  BOOST_TEST(api.LastPosition() == after_first);
  api.AdvanceClock(300);
  BOOST_REQUIRE(Verify(api, key.secret).status == 200);
  api.FlushKeyUse();
  BOOST_TEST(api.LastPosition() == after_first + 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http::testing
