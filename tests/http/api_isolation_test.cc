// Org isolation: an Admin key of org B sees and changes nothing of org A.

#define BOOST_TEST_MODULE http_api_isolation_test
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/http/api_fixture.h"

namespace keyledger::http::testing {
namespace {

BOOST_AUTO_TEST_SUITE(api_isolation)

BOOST_AUTO_TEST_CASE(org_b_admin_key_sees_and_changes_nothing_of_org_a) {
  ApiFixture api;
  const int64_t org_b = api.CreateOrg("B");
  CreatedKey a_key = api.CreateKey("a-key", "Editor");
  CreatedKey a_key2 = api.CreateKey("a-key2", "Editor");
  const int64_t a_sa = api.CreateServiceAccount("a-robot");
  CreatedKey a_token = api.CreateToken(a_sa, "a-token");
  BOOST_REQUIRE(api.AsAdmin("POST", "/api/serviceaccounts/migrate/" +
                                        std::to_string(a_key2.id))
                    .status == 200);
  const domain::State before = api.StateCopy();
  const int64_t a_migrated_sa = *before.keys.at(a_key2.id).service_account_id;
  CreatedKey b = api.CreateKey("b-admin", "Admin", org_b);
  const uint64_t position = api.LastPosition();

  auto as_b = [&](std::string_view method, const std::string& target,
                  std::string_view body = {}) {
    return api.AsKey(b.secret, method, target, body);
  };
  const std::string sa = "/api/serviceaccounts/" + std::to_string(a_sa);
  const std::string token = std::to_string(a_token.id);
  BOOST_TEST(as_b("GET", "/api/auth/keys").Json().as_array().size() == 1u);
  BOOST_TEST(as_b("GET", "/api/serviceaccounts/search")
                 .Json()
                 .at("totalCount")
                 .as_int64() == 0);
  BOOST_TEST(
      as_b("DELETE", "/api/auth/keys/" + std::to_string(a_key.id)).status ==
      404);
  BOOST_TEST(as_b("GET", sa).status == 404);
  BOOST_TEST(as_b("PATCH", sa, R"({"name":"hijack"})").status == 404);
  BOOST_TEST(as_b("DELETE", sa).status == 404);
  BOOST_TEST(as_b("GET", sa + "/tokens").status == 404);
  BOOST_TEST(as_b("POST", sa + "/tokens", R"({"name":"x"})").status == 404);
  BOOST_TEST(as_b("DELETE", sa + "/tokens/" + token).status == 404);
  BOOST_TEST(as_b("POST", sa + "/tokens/" + token + "/revoke").status == 404);
  BOOST_TEST(
      as_b("POST", "/api/serviceaccounts/migrate/" + std::to_string(a_key.id))
          .status == 404);
  BOOST_TEST(as_b("POST", "/api/serviceaccounts/" +
                              std::to_string(a_migrated_sa) + "/revert/" +
                              std::to_string(a_key2.id))
                 .status == 404);
  // Migrates org B's own key only.
  BOOST_TEST(as_b("POST", "/api/serviceaccounts/migrate")
                 .Json()
                 .at("total")
                 .as_int64() == 1);
  TestResponse cross = api.AsKey(b.secret, "GET", "/api/auth/keys", {},
                                 ApiFixture::OrgHeader(1));
  BOOST_TEST(cross.status == 401);
  // Only org B's migrate-all was written; org A is unchanged.
  const domain::State after = api.StateCopy();
  BOOST_TEST((after.keys.at(a_key.id) == before.keys.at(a_key.id)));
  BOOST_TEST(
      (after.service_accounts.at(a_sa) == before.service_accounts.at(a_sa)));
  BOOST_TEST((after.keys.at(a_token.id) == before.keys.at(a_token.id)));
  BOOST_TEST((after.orgs.at(1) == before.orgs.at(1)));
  BOOST_TEST(api.LastPosition() > position);
}

// Every route of the API, aimed at org A's objects (or org A itself, through
// X-Grafana-Org-Id: 1), with each kind of org-B credential. Nothing may be
// read or changed: an error (401/403/404), or, on the routes that answer
// about the caller's own org, a 2xx that names nothing of org A.
BOOST_AUTO_TEST_CASE(
    every_route_refuses_org_b_credentials_and_leaks_nothing_of_org_a) {
  ApiFixture api;
  const int64_t org_b = api.CreateOrg("Org B");
  // Org A (1, "Main Org."): keys, a migrated key, an account with a token, a
  // user.
  CreatedKey a_key = api.CreateKey("a-key-name", "Editor");
  CreatedKey a_key2 = api.CreateKey("a-key2-name", "Viewer");
  const int64_t a_sa = api.CreateServiceAccount("a-robot-name");
  CreatedKey a_token = api.CreateToken(a_sa, "a-token-name");
  BOOST_REQUIRE(api.AsAdmin("POST", "/api/serviceaccounts/migrate/" +
                                        std::to_string(a_key2.id))
                    .status == 200);
  const int64_t a_migrated_sa =
      *api.StateCopy().keys.at(a_key2.id).service_account_id;
  const int64_t a_user =
      api.CreateUser("a-user-login", "a-user-pw", 1, "Viewer");
  // Org B's credentials.
  CreatedKey b_key = api.CreateKey("b-admin-key", "Admin", org_b);
  const int64_t b_sa = api.CreateServiceAccount("b-robot", "Admin", org_b);
  CreatedKey b_token = api.CreateToken(b_sa, "b-token", org_b);
  api.CreateUser("b-admin-user", "b-admin-pw", org_b, "Admin");
  api.CreateUser("b-viewer-user", "b-viewer-pw", org_b, "Viewer");
  api.FlushKeyUse();
  const domain::State before = api.StateCopy();

  struct Credential {
    std::string label;
    std::string authorization;
  };
  const std::vector<Credential> credentials = {
      {"org-B admin key", "Bearer " + b_key.secret},
      {"org-B admin token", "Bearer " + b_token.secret},
      {"org-B admin key (Basic api_key)",
       ApiFixture::Basic("api_key", b_key.secret)},
      {"org-B admin user", ApiFixture::Basic("b-admin-user", "b-admin-pw")},
      {"org-B viewer user", ApiFixture::Basic("b-viewer-user", "b-viewer-pw")},
  };
  const std::string sa = "/api/serviceaccounts/" + std::to_string(a_sa);
  const std::string tok = std::to_string(a_token.id);
  struct Route {
    Route(std::string m, std::string t, std::string b = "", bool own = false)
        : method(std::move(m)),
          target(std::move(t)),
          body(std::move(b)),
          own_org(own) {}
    std::string method;
    std::string target;
    std::string body;
    // Answers about the caller's own org: a 2xx is fine without the org-A
    // header, as long as it names nothing of org A.
    bool own_org;
  };
  const std::vector<Route> routes = {
      {"GET", "/api/auth/keys?includeExpired=true", "", true},
      {"POST", "/api/auth/keys", R"({"name":"x-key","role":"Viewer"})", true},
      {"DELETE", "/api/auth/keys/" + std::to_string(a_key.id)},
      {"GET", "/api/serviceaccounts/search?query=a-", "", true},
      {"POST", "/api/serviceaccounts", R"({"name":"x-sa","role":"Viewer"})",
       true},
      {"GET", sa},
      {"PATCH", sa, R"({"name":"hijacked","role":"Admin"})"},
      {"DELETE", sa},
      {"GET", sa + "/tokens"},
      {"POST", sa + "/tokens", R"({"name":"hijack-token"})"},
      {"DELETE", sa + "/tokens/" + tok},
      {"POST", sa + "/tokens/" + tok + "/revoke"},
      {"POST", "/api/serviceaccounts/migrate/" + std::to_string(a_key.id)},
      {"GET", "/api/serviceaccounts/migrationstatus", "", true},
      {"POST", "/api/serviceaccounts/" + std::to_string(a_migrated_sa) +
                   "/revert/" + std::to_string(a_key2.id)},
      {"DELETE", "/api/serviceaccounts/" + std::to_string(a_migrated_sa) +
                     "/revert/" + std::to_string(a_key2.id)},
      {"GET", "/api/orgs"},
      {"POST", "/api/orgs", R"({"name":"x-org"})"},
      {"POST", "/api/admin/users",
       R"({"login":"x-user","password":"x-user-pw"})"},
      {"GET", "/api/orgs/1/users"},
      {"POST", "/api/orgs/1/users",
       R"({"loginOrEmail":"b-viewer-user","role":"Admin"})"},
      {"PATCH", "/api/orgs/1/users/" + std::to_string(a_user),
       R"({"role":"Admin"})"},
      {"DELETE", "/api/orgs/1/users/" + std::to_string(a_user)},
      {"GET", "/api/user", "", true},
      {"GET", "/api/audit?perpage=1000", "", true},
      {"GET", "/api/audit?target=" + std::to_string(a_key.id), "", true},
      {"GET", "/api/auth/verify", "", true},
      // Last: these change org B itself (allowed), never org A.
      {"POST", "/api/serviceaccounts/hideApiKeys", "", true},
      {"POST", "/api/serviceaccounts/migrate", "", true},
  };
  const std::vector<std::string> org_a_words = {
      "a-key-name",   "a-key2-name", "a-robot-name", "a-token-name",
      "a-user-login", "Main Org.",   a_key.secret,   a_token.secret,
      "\"orgId\":1,", "\"orgId\":1}"};

  int attempts = 0;
  for (const Route& route : routes) {
    for (const Credential& credential : credentials) {
      for (bool org_a_header : {false, true}) {
        TestHeaders headers = {{"Authorization", credential.authorization}};
        if (org_a_header) headers.emplace_back("X-Grafana-Org-Id", "1");
        TestResponse r =
            api.Anonymous(route.method, route.target, route.body, headers);
        ++attempts;
        BOOST_TEST_CONTEXT(credential.label
                           << (org_a_header ? " +org 1 header: " : ": ")
                           << route.method << " " << route.target << " -> "
                           << r.status << " " << r.body) {
          if (route.own_org && !org_a_header) {
            // About org B itself: any answer but a server error (a repeated
            // create is a 409 in org B), as long as it names nothing of A.
            BOOST_TEST(r.status < 500);
          } else if (r.status >= 200 && r.status < 300) {
            BOOST_TEST(false, "org B got a 2xx on org A");
          } else {
            BOOST_TEST((r.status == 401 || r.status == 403 || r.status == 404));
          }
          for (const std::string& word : org_a_words) {
            BOOST_TEST(r.body.find(word) == std::string::npos,
                       "leaks " << word);
          }
        }
      }
    }
  }
  BOOST_TEST_MESSAGE(attempts << " cross-org requests");
  // Org A is exactly as it was.
  api.FlushKeyUse();
  const domain::State after = api.StateCopy();
  for (int64_t id : {a_key.id, a_key2.id, a_token.id}) {
    BOOST_TEST((after.keys.at(id) == before.keys.at(id)), "key " << id);
  }
  for (int64_t id : {a_sa, a_migrated_sa}) {
    BOOST_TEST(
        (after.service_accounts.at(id) == before.service_accounts.at(id)),
        "sa " << id);
  }
  BOOST_TEST((after.orgs.at(1) == before.orgs.at(1)));
  BOOST_TEST((after.users.at(a_user) == before.users.at(a_user)));
  BOOST_TEST(after.orgs.size() == before.orgs.size());
  BOOST_TEST(after.users.size() == before.users.size());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http::testing
