// Legacy API keys over HTTP: reference §3.1, §6 cases 5-8, 47-49.

#define BOOST_TEST_MODULE http_api_keys_test
#include <boost/test/unit_test.hpp>

#include "tests/http/api_fixture.h"

namespace keyledger::http::testing {
namespace {

std::string Message(const TestResponse& r) {
  return std::string(r.Json().at("message").as_string());
}

BOOST_AUTO_TEST_SUITE(api_keys)

BOOST_AUTO_TEST_CASE(create_returns_a_legacy_secret_once_and_not_cacheable) {
  ApiFixture api;
  TestResponse r = api.AsAdmin("POST", "/api/auth/keys",
                               R"({"name":"ci","role":"Admin"})");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.Header("Cache-Control") == "no-store");
  const auto body = r.Json().as_object();
  BOOST_TEST(body.at("name").as_string() == "ci");
  BOOST_TEST(body.at("id").as_int64() > 0);
  const std::string secret(body.at("key").as_string());
  BOOST_TEST(secret.starts_with("eyJ"));
  // The secret authenticates as the key (an Admin key may list keys).
  TestResponse list = api.AsKey(secret, "GET", "/api/auth/keys");
  BOOST_TEST(list.status == 200);
  BOOST_TEST(list.body.find(secret) == std::string::npos);
  BOOST_TEST(list.body.find("\"key\"") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(list_is_ordered_by_name_and_shows_dto_fields) {
  ApiFixture api;
  api.CreateKey("beta", "Viewer");
  api.CreateKey("alpha", "Editor");
  TestResponse r = api.AsAdmin("GET", "/api/auth/keys");
  BOOST_REQUIRE(r.status == 200);
  const auto list = r.Json().as_array();
  BOOST_REQUIRE(list.size() == 2u);
  BOOST_TEST(list[0].at("name").as_string() == "alpha");
  BOOST_TEST(list[0].at("role").as_string() == "Editor");
  BOOST_TEST(list[1].at("name").as_string() == "beta");
  BOOST_TEST(!list[0].as_object().contains("expiration"));
}

BOOST_AUTO_TEST_CASE(expired_keys_are_listed_only_with_include_expired) {  // §6 #6
  ApiFixture api;
  api.CreateKey("key1");
  BOOST_TEST(api.AsAdmin("POST", "/api/auth/keys",
                         R"({"name":"key2","role":"Viewer","secondsToLive":1})")
                 .status == 200);
  BOOST_TEST(api.AsAdmin("POST", "/api/auth/keys",
                         R"({"name":"key3","role":"Viewer","timeToLive":"1h"})")
                 .status == 200);
  api.AdvanceClock(2);
  auto names = [&](std::string_view target) {
    std::vector<std::string> out;
    const boost::json::value list = api.AsAdmin("GET", target).Json();
    for (const auto& k : list.as_array()) {
      out.emplace_back(k.at("name").as_string());
    }
    return out;
  };
  BOOST_TEST((names("/api/auth/keys") == std::vector<std::string>{"key1", "key3"}));
  BOOST_TEST((names("/api/auth/keys?includeExpired=true") ==
              std::vector<std::string>{"key1", "key2", "key3"}));
  const auto all = api.AsAdmin("GET", "/api/auth/keys?includeExpired=true").Json();
  BOOST_TEST(all.as_array()[2].as_object().contains("expiration"));
}

BOOST_AUTO_TEST_CASE(bad_input_is_400_with_a_message_and_writes_nothing) {
  ApiFixture api;
  const uint64_t before = api.LastPosition();
  struct Case {
    std::string body;
    std::string message_prefix;
  };
  const std::vector<Case> cases = {
      {"{not json", "bad request data"},
      {"[1,2]", "bad request data"},
      {R"({"name":5,"role":"Admin"})", "bad request data"},
      {R"({"role":"Admin"})", "bad request data"},
      {R"({"name":"x"})", "bad request data"},
      {R"({"name":"x","role":"Random"})", "Invalid role specified"},
      {R"({"name":"x","role":"Admin","secondsToLive":"ten"})", "bad request data"},
      {R"({"name":"x","role":"Admin","secondsToLive":10,"timeToLive":"1h"})", ""},
      {R"({"name":"x","role":"Admin","timeToLive":"1y"})", ""},
      {R"({"name":"x","role":"Admin","secondsToLive":-3600})", ""},  // §6 #5
  };
  for (const Case& c : cases) {
    TestResponse r = api.AsAdmin("POST", "/api/auth/keys", c.body);
    BOOST_TEST(r.status == 400, c.body << " -> " << r.status << " " << r.body);
    BOOST_TEST(Message(r).starts_with(c.message_prefix), r.body);
  }
  TestResponse wrong_type = api.AsAdmin(
      "POST", "/api/auth/keys", R"({"name":"x","role":"Admin"})",
      {{"Content-Type", "text/plain"}});
  BOOST_TEST(wrong_type.status / 100 == 4);
  BOOST_TEST(api.LastPosition() == before);
}

BOOST_AUTO_TEST_CASE(a_duplicate_name_is_409_also_against_a_token) {  // §6 #8, #49
  ApiFixture api;
  api.CreateKey("dup");
  TestResponse r = api.AsAdmin("POST", "/api/auth/keys",
                               R"({"name":"dup","role":"Admin"})");
  BOOST_TEST(r.status == 409);
  BOOST_TEST(Message(r) == "API key, organization ID and name must be unique");
  const int64_t sa = api.CreateServiceAccount("robot");
  api.CreateToken(sa, "tok");
  BOOST_TEST(api.AsAdmin("POST", "/api/auth/keys", R"({"name":"tok","role":"Admin"})")
                 .status == 409);
}

BOOST_AUTO_TEST_CASE(the_max_ttl_setting_rejects_missing_and_long_ttls) {  // §6 #47
  ApiFixture api(domain::Limits{.api_key_max_seconds_to_live = 3600,
                                .token_expiration_day_limit = -1});
  TestResponse none = api.AsAdmin("POST", "/api/auth/keys",
                                  R"({"name":"a","role":"Admin"})");
  BOOST_TEST(none.status == 400);
  BOOST_TEST(Message(none).find("Number of seconds before expiration should be set") !=
             std::string::npos);
  TestResponse too_long = api.AsAdmin(
      "POST", "/api/auth/keys", R"({"name":"a","role":"Admin","secondsToLive":3601})");
  BOOST_TEST(too_long.status == 400);
  BOOST_TEST(Message(too_long).find("greater than the global limit") != std::string::npos);
  BOOST_TEST(api.AsAdmin("POST", "/api/auth/keys",
                         R"({"name":"a","role":"Admin","secondsToLive":3600})")
                 .status == 200);
}

BOOST_AUTO_TEST_CASE(delete_removes_the_key_and_its_secret_stops_working) {  // §6 #7
  ApiFixture api;
  CreatedKey key = api.CreateKey("gone");
  BOOST_TEST(api.AsKey(key.secret, "GET", "/api/auth/keys").status == 200);
  TestResponse r = api.AsAdmin("DELETE", "/api/auth/keys/" + std::to_string(key.id));
  BOOST_TEST(r.status == 200);
  BOOST_TEST(Message(r) == "API key deleted");
  TestResponse again = api.AsKey(key.secret, "GET", "/api/auth/keys");
  BOOST_TEST(again.status == 401);
  BOOST_TEST(Message(again) == "Invalid API key");
  BOOST_TEST(api.AsAdmin("DELETE", "/api/auth/keys/" + std::to_string(key.id)).status ==
             404);
  TestResponse bad = api.AsAdmin("DELETE", "/api/auth/keys/abc");
  BOOST_TEST(bad.status == 400);
  BOOST_TEST(Message(bad) == "id is invalid");
}

BOOST_AUTO_TEST_CASE(a_token_cannot_be_deleted_as_a_legacy_key) {  // §6 #48
  ApiFixture api;
  const int64_t sa = api.CreateServiceAccount("robot");
  CreatedKey token = api.CreateToken(sa, "t");
  BOOST_TEST(api.AsAdmin("DELETE", "/api/auth/keys/" + std::to_string(token.id)).status ==
             404);
  BOOST_TEST(api.AsKey(token.secret, "GET", "/api/auth/verify").status == 200);
}

BOOST_AUTO_TEST_CASE(only_org_admins_manage_keys) {
  ApiFixture api;
  api.CreateUser("viewer", "pw-viewer", 1, "Viewer");
  api.CreateUser("editor", "pw-editor", 1, "Editor");
  BOOST_TEST(api.AsUser("viewer", "pw-viewer", "GET", "/api/auth/keys").status == 403);
  BOOST_TEST(api.AsUser("editor", "pw-editor", "POST", "/api/auth/keys",
                        R"({"name":"e","role":"Viewer"})")
                 .status == 403);
  CreatedKey viewer_key = api.CreateKey("viewer-key", "Viewer");
  BOOST_TEST(api.AsKey(viewer_key.secret, "POST", "/api/auth/keys",
                       R"({"name":"v2","role":"Viewer"})")
                 .status == 403);
  BOOST_TEST(api.Anonymous("GET", "/api/auth/keys").status == 401);
}

BOOST_AUTO_TEST_CASE(basic_api_key_credentials_authenticate_like_bearer) {
  ApiFixture api;
  CreatedKey key = api.CreateKey("basic");
  TestResponse r = api.client->Request(
      "GET", "/api/auth/keys", {},
      {{"Authorization", ApiFixture::Basic("api_key", key.secret)}});
  BOOST_TEST(r.status == 200);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http::testing
