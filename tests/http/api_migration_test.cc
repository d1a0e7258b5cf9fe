// Migration, migration status, hiding and revert over HTTP, end to end with
// the old secret: reference §3.3, §4.5-4.8, §6 cases 14-19; SPEC §5, §8.

#define BOOST_TEST_MODULE http_api_migration_test
#include <boost/test/unit_test.hpp>

#include "tests/http/api_fixture.h"

namespace keyledger::http::testing {
namespace {

std::string Message(const TestResponse& r) {
  return std::string(r.Json().at("message").as_string());
}

// The service account that owns `key_id` now, or 0.
int64_t OwnerOf(ApiFixture& api, int64_t key_id) {
  const domain::State state = api.StateCopy();
  auto it = state.keys.find(key_id);
  return it == state.keys.end() ? 0 : it->second.service_account_id.value_or(0);
}

BOOST_AUTO_TEST_SUITE(api_migration)

BOOST_AUTO_TEST_CASE(migrating_one_key_keeps_its_secret_working_as_the_account) {  // §6 #14
  ApiFixture api;
  CreatedKey key = api.CreateKey("Test1", "Editor");
  TestResponse r = api.AsAdmin("POST", "/api/serviceaccounts/migrate/" +
                                           std::to_string(key.id));
  BOOST_TEST(r.status == 200);
  BOOST_TEST(Message(r) == "Service accounts migrated");
  const int64_t sa = OwnerOf(api, key.id);
  BOOST_REQUIRE(sa > 0);
  TestResponse profile = api.AsAdmin("GET", "/api/serviceaccounts/" + std::to_string(sa));
  BOOST_TEST(profile.Json().at("role").as_string() == "Editor");
  BOOST_TEST(profile.Json().at("tokens").as_int64() == 1);
  TestResponse verify = api.AsKey(key.secret, "GET", "/api/auth/verify");
  BOOST_TEST(verify.status == 200);
  BOOST_TEST(verify.Header("X-Keyledger-Identity") == "service-account:" + std::to_string(sa));
  BOOST_TEST(api.AsAdmin("GET", "/api/auth/keys").Json().as_array().empty());
  // Migrating one key does not change the status (SPEC §8).
  TestResponse status = api.AsAdmin("GET", "/api/serviceaccounts/migrationstatus");
  BOOST_TEST(status.Json().at("migrated").as_bool() == false);
  BOOST_TEST(status.Json().at("apiKeysHidden").as_bool() == false);
}

BOOST_AUTO_TEST_CASE(migrating_an_unknown_or_migrated_key_is_404) {  // SPEC §8 vs §6 #50
  ApiFixture api;
  CreatedKey key = api.CreateKey("k");
  const std::string path = "/api/serviceaccounts/migrate/" + std::to_string(key.id);
  BOOST_REQUIRE(api.AsAdmin("POST", path).status == 200);
  TestResponse again = api.AsAdmin("POST", path);
  BOOST_TEST(again.status == 404);
  BOOST_TEST(Message(again) == "API key not found");
  BOOST_TEST(api.AsAdmin("POST", "/api/serviceaccounts/migrate/999").status == 404);
  TestResponse bad = api.AsAdmin("POST", "/api/serviceaccounts/migrate/x");
  BOOST_TEST(bad.status == 400);
  BOOST_TEST(Message(bad) == "Key ID is invalid");
}

BOOST_AUTO_TEST_CASE(migrate_all_migrates_the_org_and_closes_key_creation) {  // §6 #15, #17
  ApiFixture api;
  const int64_t org2 = api.CreateOrg("Second");
  CreatedKey k1 = api.CreateKey("test1", "Editor");
  BOOST_REQUIRE(api.AsAdmin("POST", "/api/auth/keys",
                            R"({"name":"test2","role":"Viewer","secondsToLive":1})")
                    .status == 200);
  api.CreateKey("test3", "Viewer", org2);
  api.AdvanceClock(5);  // test2 is expired now and is migrated anyway
  TestResponse r = api.AsAdmin("POST", "/api/serviceaccounts/migrate");
  BOOST_REQUIRE(r.status == 200);
  const auto result = r.Json().as_object();
  BOOST_TEST(result.at("total").as_int64() == 2);
  BOOST_TEST(result.at("migrated").as_int64() == 2);
  BOOST_TEST(result.at("failed").as_int64() == 0);
  BOOST_TEST(result.at("failedApikeyIDs").as_array().empty());
  BOOST_TEST(result.at("failedDetails").as_array().empty());
  TestResponse search = api.AsAdmin("GET", "/api/serviceaccounts/search");
  BOOST_TEST(search.Json().at("totalCount").as_int64() == 2);
  BOOST_TEST(api.AsAdmin("GET", "/api/serviceaccounts/migrationstatus")
                 .Json().at("migrated").as_bool());
  TestResponse gone = api.AsAdmin("POST", "/api/auth/keys", R"({"name":"n","role":"Admin"})");
  BOOST_TEST(gone.status == 410);
  BOOST_TEST(Message(gone).find("/api/serviceaccounts") != std::string::npos);
  BOOST_TEST(api.AsKey(k1.secret, "GET", "/api/auth/verify").status == 200);
  // Org 2 is untouched and may still create keys.
  BOOST_TEST(api.AsAdmin("GET", "/api/auth/keys", {}, ApiFixture::OrgHeader(org2))
                 .Json().as_array().size() == 1u);
  BOOST_TEST(api.AsAdmin("POST", "/api/auth/keys", R"({"name":"n","role":"Admin"})",
                         ApiFixture::OrgHeader(org2))
                 .status == 200);
}

BOOST_AUTO_TEST_CASE(migrate_all_in_an_org_without_keys_reports_zero) {  // §6 #16
  ApiFixture api;
  TestResponse r = api.AsAdmin("POST", "/api/serviceaccounts/migrate");
  BOOST_REQUIRE(r.status == 200);
  BOOST_TEST(r.Json().at("total").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(revert_restores_the_legacy_key_with_its_secret) {  // §6 #18
  for (const char* method : {"POST", "DELETE"}) {
    ApiFixture api;
    CreatedKey key = api.CreateKey("Test1", "Editor");
    BOOST_REQUIRE(api.AsAdmin("POST", "/api/serviceaccounts/migrate/" +
                                          std::to_string(key.id))
                      .status == 200);
    const int64_t sa = OwnerOf(api, key.id);
    TestResponse r = api.AsAdmin(method, "/api/serviceaccounts/" + std::to_string(sa) +
                                             "/revert/" + std::to_string(key.id));
    BOOST_TEST(r.status == 200, method << " " << r.body);
    BOOST_TEST(Message(r) == "Reverted service account to API key");
    BOOST_TEST(api.AsAdmin("GET", "/api/serviceaccounts/" + std::to_string(sa)).status ==
               404);
    const auto keys = api.AsAdmin("GET", "/api/auth/keys").Json().as_array();
    BOOST_REQUIRE(keys.size() == 1u);
    BOOST_TEST(keys[0].at("id").as_int64() == key.id);
    BOOST_TEST(keys[0].at("name").as_string() == "Test1");
    BOOST_TEST(keys[0].at("role").as_string() == "Editor");
    TestResponse verify = api.AsKey(key.secret, "GET", "/api/auth/verify");
    BOOST_TEST(verify.status == 200);
    BOOST_TEST(verify.Header("X-Keyledger-Identity") == "api-key:" + std::to_string(key.id));
  }
}

BOOST_AUTO_TEST_CASE(revert_is_refused_with_reasons) {  // §6 #19; SPEC §8
  ApiFixture api;
  CreatedKey key = api.CreateKey("k", "Editor");
  BOOST_REQUIRE(api.AsAdmin("POST", "/api/serviceaccounts/migrate/" +
                                        std::to_string(key.id))
                    .status == 200);
  const int64_t sa = OwnerOf(api, key.id);
  const int64_t other = api.CreateServiceAccount("other");
  const std::string key_part = "/revert/" + std::to_string(key.id);
  BOOST_TEST(api.AsAdmin("POST", "/api/serviceaccounts/4242" + key_part).status == 404);
  TestResponse mismatch =
      api.AsAdmin("POST", "/api/serviceaccounts/" + std::to_string(other) + key_part);
  BOOST_TEST(mismatch.status == 400);
  api.CreateToken(sa, "second");
  TestResponse two = api.AsAdmin("POST", "/api/serviceaccounts/" + std::to_string(sa) + key_part);
  BOOST_TEST(two.status == 400);
  BOOST_TEST(Message(two) != Message(mismatch));
  BOOST_TEST(api.AsAdmin("POST", "/api/serviceaccounts/x" + key_part).status == 400);
  BOOST_TEST(api.AsAdmin("POST", "/api/serviceaccounts/1/revert/y").status == 400);
}

BOOST_AUTO_TEST_CASE(hiding_api_keys_is_recorded_and_changes_nothing_else) {  // SPEC §8
  ApiFixture api;
  TestResponse r = api.AsAdmin("POST", "/api/serviceaccounts/hideApiKeys");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(Message(r) == "API keys hidden");
  TestResponse status = api.AsAdmin("GET", "/api/serviceaccounts/migrationstatus");
  BOOST_TEST(status.Json().at("apiKeysHidden").as_bool());
  BOOST_TEST(status.Json().at("migrated").as_bool() == false);
  api.CreateKey("still-possible");
}

BOOST_AUTO_TEST_CASE(migration_needs_an_org_admin) {
  ApiFixture api;
  api.CreateUser("viewer", "pw-viewer", 1, "Viewer");
  BOOST_TEST(api.AsUser("viewer", "pw-viewer", "POST", "/api/serviceaccounts/migrate")
                 .status == 403);
  BOOST_TEST(api.AsUser("viewer", "pw-viewer", "GET",
                        "/api/serviceaccounts/migrationstatus")
                 .status == 403);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http::testing
