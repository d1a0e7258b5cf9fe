#define BOOST_TEST_MODULE http_openapi_schema_test
// Real answers of the running server, validated against Grafana's own
// published schema (grafana-openapi-subset.json) in strict mode: every field
// typed as Grafana types it, and no field Grafana's DTOs do not have.

#include <boost/test/unit_test.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/http/api_fixture.h"
#include "tests/http/openapi_validator.h"

namespace keyledger::http::testing {
namespace {

const OpenApiValidator& Grafana() {
  static const OpenApiValidator validator =
      OpenApiValidator::FromFile(KEYLEDGER_OPENAPI_SCHEMA);
  return validator;
}

// `r` has `status` and its body validates against the document's response
// schema for (method, path template without "/api"). `known_extra` lists
// fields (e.g. "$.userId") that Grafana's real handler sends but its
// published schema omits; only those may be undeclared.
void ExpectValid(const TestResponse& r, std::string_view method,
                 std::string_view path, int status,
                 const std::set<std::string>& known_extra = {}) {
  BOOST_TEST_REQUIRE(r.status == status,
                     method << " " << path << ": " << r.body);
  std::vector<std::string> problems;
  for (std::string& problem : Grafana().Validate(
           Grafana().ResponseSchema(method, path, status), r.Json())) {
    const std::string field = problem.substr(0, problem.find(':'));
    if (!known_extra.contains(field) ||
        !problem.ends_with(": not declared by the schema")) {
      problems.push_back(std::move(problem));
    }
  }
  BOOST_TEST(problems.empty(),
             method << " " << path << ": " << Describe(problems));
}

void ExpectDefinition(const TestResponse& r, std::string_view definition,
                      int status) {
  BOOST_TEST_REQUIRE(r.status == status, definition << ": " << r.body);
  const auto problems =
      Grafana().Validate(Grafana().Definition(definition), r.Json());
  BOOST_TEST(problems.empty(), definition << ": " << Describe(problems));
}

BOOST_AUTO_TEST_SUITE(openapi_schema)

BOOST_AUTO_TEST_CASE(legacy_key_answers_match_grafanas_schema) {
  ApiFixture api;
  TestResponse created = api.AsAdmin(
      "POST", "/api/auth/keys",
      R"({"name":"expiring","role":"Editor","secondsToLive":3600})");
  ExpectDefinition(created, "NewApiKeyResult", 200);
  const CreatedKey used = api.CreateKey("used", "Admin");
  BOOST_TEST(api.AsKey(used.secret, "GET", "/api/auth/keys").status == 200);
  api.FlushKeyUse();
  ExpectValid(api.AsAdmin("GET", "/api/auth/keys"), "GET", "/auth/keys", 200);
  ExpectValid(api.AsAdmin("GET", "/api/auth/keys?includeExpired=true"), "GET",
              "/auth/keys", 200);
  ExpectValid(
      api.AsAdmin("DELETE", "/api/auth/keys/" + std::to_string(used.id)),
      "DELETE", "/auth/keys/{id}", 200);
}

BOOST_AUTO_TEST_CASE(service_account_answers_match_grafanas_schema) {
  ApiFixture api;
  TestResponse created = api.AsAdmin("POST", "/api/serviceaccounts",
                                     R"({"name":"robot","role":"Editor"})");
  ExpectValid(created, "POST", "/serviceaccounts", 201);
  const std::string sa = "/api/serviceaccounts/" +
                         std::to_string(created.Json().at("id").as_int64());
  api.CreateServiceAccount("second");
  ExpectValid(api.AsAdmin("GET", "/api/serviceaccounts/search?perpage=1"),
              "GET", "/serviceaccounts/search", 200);
  // Grafana's handler answers a ServiceAccountProfileDTO here (reference
  // §1.2); its schema names the shorter ServiceAccountDTO.
  ExpectValid(api.AsAdmin("GET", sa), "GET",
              "/serviceaccounts/{serviceAccountId}", 200,
              {"$.createdAt", "$.updatedAt", "$.teams"});
  ExpectValid(
      api.AsAdmin("PATCH", sa, R"({"name":"robot-2","isDisabled":true})"),
      "PATCH", "/serviceaccounts/{serviceAccountId}", 200);
  ExpectValid(api.AsAdmin("DELETE", sa), "DELETE",
              "/serviceaccounts/{serviceAccountId}", 200);
}

BOOST_AUTO_TEST_CASE(token_answers_match_grafanas_schema) {
  ApiFixture api;
  const int64_t sa = api.CreateServiceAccount("robot");
  const std::string tokens =
      "/api/serviceaccounts/" + std::to_string(sa) + "/tokens";
  const std::string path = "/serviceaccounts/{serviceAccountId}/tokens";
  ExpectValid(
      api.AsAdmin("POST", tokens, R"({"name":"short","secondsToLive":60})"),
      "POST", path, 200);
  const CreatedKey forever = api.CreateToken(sa, "forever");
  const CreatedKey revoked = api.CreateToken(sa, "revoked");
  BOOST_TEST(api.AsKey(forever.secret, "GET", "/api/user").status == 404);
  api.FlushKeyUse();
  BOOST_TEST(
      api.AsAdmin("POST", tokens + "/" + std::to_string(revoked.id) + "/revoke")
          .status == 200);
  api.AdvanceClock(120);  // "short" has expired
  TestResponse list = api.AsAdmin("GET", tokens);
  ExpectValid(list, "GET", path, 200);
  BOOST_TEST(list.Json().as_array().size() == 3u);
  ExpectValid(api.AsAdmin("DELETE", tokens + "/" + std::to_string(forever.id)),
              "DELETE", path + "/{tokenId}", 200);
}

BOOST_AUTO_TEST_CASE(org_and_user_answers_match_grafanas_schema) {
  ApiFixture api;
  ExpectValid(api.AsAdmin("POST", "/api/orgs", R"({"name":"Two"})"), "POST",
              "/orgs", 200);
  ExpectValid(api.AsAdmin("GET", "/api/orgs"), "GET", "/orgs", 200);
  TestResponse user = api.AsAdmin(
      "POST", "/api/admin/users",
      R"({"name":"Dana","email":"dana@example.com","login":"dana","password":"pw"})");
  ExpectValid(user, "POST", "/admin/users", 200);
  ExpectValid(
      api.AsAdmin("POST", "/api/orgs/2/users",
                  R"({"loginOrEmail":"dana","role":"Admin"})"),
      "POST", "/orgs/{org_id}/users", 200,
      {"$.userId"});  // Grafana's AddOrgUser sends it; okResponse omits it
  api.CreateUser("erin", "erin-pw", 2, "Viewer");
  ExpectValid(api.AsAdmin("GET", "/api/orgs/2/users"), "GET",
              "/orgs/{org_id}/users", 200);
  const std::string erin =
      "/api/orgs/2/users/" +
      std::to_string(api.StateCopy().user_by_login.at("erin"));
  ExpectValid(api.AsAdmin("PATCH", erin, R"({"role":"Editor"})"), "PATCH",
              "/orgs/{org_id}/users/{user_id}", 200);
  ExpectValid(api.AsAdmin("DELETE", erin), "DELETE",
              "/orgs/{org_id}/users/{user_id}", 200);
  ExpectValid(api.AsUser("dana", "pw", "GET", "/api/user"), "GET", "/user",
              200);
  ExpectValid(api.AsAdmin("GET", "/api/user"), "GET", "/user", 200);
  ExpectValid(api.Anonymous("GET", "/api/health"), "GET", "/health", 200);
}

BOOST_AUTO_TEST_CASE(error_answers_match_grafanas_error_body) {
  ApiFixture api;
  ExpectDefinition(api.Anonymous("GET", "/api/auth/keys"), "ErrorResponseBody",
                   401);
  api.CreateUser("vic", "vic-pw", 1, "Viewer");
  ExpectDefinition(api.AsUser("vic", "vic-pw", "GET", "/api/orgs"),
                   "ErrorResponseBody", 403);
  ExpectDefinition(api.AsAdmin("GET", "/api/serviceaccounts/999"),
                   "ErrorResponseBody", 404);
  ExpectDefinition(api.AsAdmin("POST", "/api/orgs", R"({"name":"Main Org."})"),
                   "ErrorResponseBody", 409);
  ExpectDefinition(api.AsAdmin("POST", "/api/orgs", "{"), "ErrorResponseBody",
                   400);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http::testing
