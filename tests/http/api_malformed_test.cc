// Every malformed request gets a 4xx with a JSON {"message"} and writes
// nothing: a table of bad requests (bad JSON, wrong types, huge numbers,
// negative and non-numeric ids, unknown roles, 191-character names, bad
// UTF-8, wrong content type, bad query parameters and headers) against the
// real API, checking the answer and that the log did not move.

#define BOOST_TEST_MODULE http_api_malformed_test
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "tests/http/api_fixture.h"

namespace keyledger::http::testing {
namespace {

struct BadRequest {
  std::string label;
  std::string method;
  std::string target;
  std::string body;
  TestHeaders headers;
};

BOOST_AUTO_TEST_SUITE(api_malformed)

BOOST_AUTO_TEST_CASE(
    every_malformed_request_is_a_4xx_with_a_json_message_and_writes_nothing) {
  ApiFixture api;
  const int64_t sa_id = api.CreateServiceAccount("robot");
  CreatedKey token = api.CreateToken(sa_id, "tok");
  const int64_t user = api.CreateUser("someone", "someone-pw", 1, "Viewer");
  const std::string sa = "/api/serviceaccounts/" + std::to_string(sa_id);
  const std::string name191(191, 'n');
  std::string name191_unicode;
  for (int i = 0; i < 191; ++i)
    name191_unicode += "\xc3\xa9";  // é, 191 code points
  const TestHeaders text_plain = {{"Content-Type", "text/plain"}};
  const TestHeaders form = {
      {"Content-Type", "application/x-www-form-urlencoded"}};

  const std::vector<BadRequest> table = {
      // Bodies that are not a JSON object.
      {"truncated JSON", "POST", "/api/auth/keys", R"({"name":)", {}},
      {"trailing garbage",
       "POST",
       "/api/auth/keys",
       R"({"name":"a","role":"Viewer"}x)",
       {}},
      {"array body", "POST", "/api/serviceaccounts", "[1,2]", {}},
      {"string body", "POST", "/api/serviceaccounts", R"("robot")", {}},
      {"null body", "POST", "/api/auth/keys", "null", {}},
      {"comment in JSON",
       "POST",
       "/api/auth/keys",
       R"({/*c*/"name":"a","role":"Viewer"})",
       {}},
      {"bad UTF-8 in a name",
       "POST",
       "/api/serviceaccounts",
       "{\"name\":\"\xff\xfe\",\"role\":\"Viewer\"}",
       {}},
      {"overlong UTF-8",
       "POST",
       "/api/auth/keys",
       "{\"name\":\"\xc0\xaf\",\"role\":\"Viewer\"}",
       {}},
      {"lone surrogate escape",
       "POST",
       "/api/serviceaccounts",
       R"({"name":"\ud800","role":"Viewer"})",
       {}},
      // Wrong content type.
      {"text/plain", "POST", "/api/auth/keys",
       R"({"name":"a","role":"Viewer"})", text_plain},
      {"form encoded", "POST", "/api/serviceaccounts", "name=a&role=Viewer",
       form},
      // Wrong types.
      {"name is a number",
       "POST",
       "/api/auth/keys",
       R"({"name":5,"role":"Viewer"})",
       {}},
      {"role is a bool",
       "POST",
       "/api/auth/keys",
       R"({"name":"a","role":true})",
       {}},
      {"secondsToLive is a string",
       "POST",
       "/api/auth/keys",
       R"({"name":"a","role":"Viewer","secondsToLive":"60"})",
       {}},
      {"timeToLive is a number",
       "POST",
       sa + "/tokens",
       R"({"name":"t","timeToLive":60})",
       {}},
      {"isDisabled is a string", "PATCH", sa, R"({"isDisabled":"yes"})", {}},
      {"name is an object", "POST", "/api/orgs", R"({"name":{"a":1}})", {}},
      // Huge and out-of-range numbers.
      {"secondsToLive 1e400",
       "POST",
       "/api/auth/keys",
       R"({"name":"a","role":"Viewer","secondsToLive":1e400})",
       {}},
      {"secondsToLive -1e400",
       "POST",
       sa + "/tokens",
       R"({"name":"t","secondsToLive":-1e400})",
       {}},
      {"secondsToLive beyond int64",
       "POST",
       "/api/auth/keys",
       R"({"name":"a","role":"Viewer","secondsToLive":99999999999999999999})",
       {}},
      {"secondsToLive int64 max",
       "POST",
       "/api/auth/keys",
       R"({"name":"a","role":"Viewer","secondsToLive":9223372036854775807})",
       {}},
      {"secondsToLive fractional",
       "POST",
       "/api/auth/keys",
       R"({"name":"a","role":"Viewer","secondsToLive":1.5})",
       {}},
      {"negative secondsToLive",
       "POST",
       sa + "/tokens",
       R"({"name":"t","secondsToLive":-5})",
       {}},
      {"timeToLive overflow",
       "POST",
       "/api/auth/keys",
       R"({"name":"a","role":"Viewer","timeToLive":"99999999999999999999w"})",
       {}},
      {"timeToLive bad unit",
       "POST",
       sa + "/tokens",
       R"({"name":"t","timeToLive":"10y"})",
       {}},
      {"both TTLs",
       "POST",
       "/api/auth/keys",
       R"({"name":"a","role":"Viewer","timeToLive":"1d","secondsToLive":5})",
       {}},
      // Ids in the path.
      {"negative key id", "DELETE", "/api/auth/keys/-1", "", {}},
      {"non-numeric key id", "DELETE", "/api/auth/keys/abc", "", {}},
      {"huge key id",
       "DELETE",
       "/api/auth/keys/99999999999999999999999",
       "",
       {}},
      {"negative service account id",
       "DELETE",
       "/api/serviceaccounts/-7",
       "",
       {}},
      {"non-numeric service account id",
       "PATCH",
       "/api/serviceaccounts/x1",
       R"({"name":"b"})",
       {}},
      {"hex service account id", "GET", "/api/serviceaccounts/0x10", "", {}},
      {"non-numeric token id", "DELETE", sa + "/tokens/one", "", {}},
      {"negative token id", "POST", sa + "/tokens/-1/revoke", "", {}},
      {"token of an unknown account",
       "POST",
       "/api/serviceaccounts/424242/tokens",
       R"({"name":"t"})",
       {}},
      {"non-numeric migrate id",
       "POST",
       "/api/serviceaccounts/migrate/abc",
       "",
       {}},
      {"revert with bad ids",
       "POST",
       "/api/serviceaccounts/x/revert/y",
       "",
       {}},
      {"non-numeric org id", "GET", "/api/orgs/abc/users", "", {}},
      {"non-numeric user id",
       "PATCH",
       "/api/orgs/1/users/abc",
       R"({"role":"Editor"})",
       {}},
      {"negative user id",
       "DELETE",
       "/api/orgs/1/users/-" + std::to_string(user),
       "",
       {}},
      // Unknown roles.
      {"unknown key role",
       "POST",
       "/api/auth/keys",
       R"({"name":"a","role":"Owner"})",
       {}},
      {"lower-case role",
       "POST",
       "/api/serviceaccounts",
       R"({"name":"a","role":"admin"})",
       {}},
      {"empty role", "PATCH", sa, R"({"role":""})", {}},
      {"unknown org user role",
       "PATCH",
       "/api/orgs/1/users/" + std::to_string(user),
       R"({"role":"Boss"})",
       {}},
      {"unknown added user role",
       "POST",
       "/api/orgs/1/users",
       R"({"loginOrEmail":"someone","role":"God"})",
       {}},
      // Names.
      {"191-character key name",
       "POST",
       "/api/auth/keys",
       R"({"name":")" + name191 + R"(","role":"Viewer"})",
       {}},
      {"191-code-point account name",
       "POST",
       "/api/serviceaccounts",
       R"({"name":")" + name191_unicode + R"(","role":"Viewer"})",
       {}},
      {"191-character token name",
       "POST",
       sa + "/tokens",
       R"({"name":")" + name191 + R"("})",
       {}},
      {"191-character rename",
       "PATCH",
       sa,
       R"({"name":")" + name191 + R"("})",
       {}},
      {"191-character org name",
       "POST",
       "/api/orgs",
       R"({"name":")" + name191 + R"("})",
       {}},
      {"missing key name",
       "POST",
       "/api/auth/keys",
       R"({"role":"Viewer"})",
       {}},
      {"empty account name",
       "POST",
       "/api/serviceaccounts",
       R"({"name":"","role":"Viewer"})",
       {}},
      {"missing org name", "POST", "/api/orgs", "{}", {}},
      {"user without password",
       "POST",
       "/api/admin/users",
       R"({"login":"x"})",
       {}},
      {"user without login",
       "POST",
       "/api/admin/users",
       R"({"password":"pw123456"})",
       {}},
      // Query parameters and headers.
      {"includeExpired=maybe",
       "GET",
       "/api/auth/keys?includeExpired=maybe",
       "",
       {}},
      {"perpage=abc", "GET", "/api/serviceaccounts/search?perpage=abc", "", {}},
      // (page < 1 and perpage > 1000 are clamped, as Grafana does: not errors.)
      {"audit from=garbage", "GET", "/api/audit?from=garbage", "", {}},
      {"audit perpage=-5", "GET", "/api/audit?perpage=-5", "", {}},
      {"bad org header",
       "POST",
       "/api/auth/keys",
       R"({"name":"a","role":"Viewer"})",
       {{"X-Grafana-Org-Id", "abc"}}},
      {"negative org header",
       "POST",
       "/api/serviceaccounts",
       R"({"name":"a","role":"Viewer"})",
       {{"X-Grafana-Org-Id", "-1"}}},
      {"unknown org header",
       "POST",
       "/api/serviceaccounts",
       R"({"name":"a","role":"Viewer"})",
       {{"X-Grafana-Org-Id", "999"}}},
      {"Idempotency-Key not UTF-8",
       "POST",
       "/api/serviceaccounts",
       R"({"name":"idem","role":"Viewer"})",
       {{"Idempotency-Key", "\xff\xfe"}}},
      {"Idempotency-Key too long",
       "POST",
       "/api/auth/keys",
       R"({"name":"a","role":"Viewer"})",
       {{"Idempotency-Key", std::string(256, 'k')}}},
      {"percent-encoded NUL id", "DELETE", "/api/auth/keys/1%00", "", {}},
  };

  const uint64_t position = api.LastPosition();
  for (const BadRequest& bad : table) {
    TestResponse r = api.AsAdmin(bad.method, bad.target, bad.body, bad.headers);
    BOOST_TEST_CONTEXT(bad.label << ": " << bad.method << " " << bad.target
                                 << " -> " << r.status << " " << r.body) {
      BOOST_TEST((r.status >= 400 && r.status < 500));
      BOOST_TEST(r.Header("Content-Type").starts_with("application/json"));
      bool has_message = false;
      try {
        const boost::json::value json = r.Json();
        has_message = json.is_object() &&
                      json.as_object().contains("message") &&
                      json.at("message").is_string() &&
                      !json.at("message").as_string().empty();
      } catch (const std::exception&) {
      }
      BOOST_TEST(has_message);
      BOOST_TEST(api.LastPosition() == position,
                 "the request wrote to the log");
    }
  }
  // The token of the account is untouched and still works.
  BOOST_TEST(api.AsKey(token.secret, "GET", "/api/auth/verify").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http::testing
