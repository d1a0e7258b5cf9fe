#define BOOST_TEST_MODULE http_api_org_user_test
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>
#include <string>

#include "tests/http/api_fixture.h"

namespace keyledger::http::testing {
namespace {

std::string Message(const TestResponse& r) {
  return std::string(r.Json().at("message").as_string());
}

// The members of `org` as login -> role, read by the admin.
std::map<std::string, std::string> Members(ApiFixture& api, int64_t org) {
  TestResponse r =
      api.AsAdmin("GET", "/api/orgs/" + std::to_string(org) + "/users");
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  std::map<std::string, std::string> out;
  const boost::json::value json = r.Json();
  for (const auto& row : json.as_array()) {
    const auto& o = row.as_object();
    BOOST_TEST(o.at("orgId").as_int64() == org);
    out[std::string(o.at("login").as_string())] =
        std::string(o.at("role").as_string());
  }
  return out;
}

BOOST_AUTO_TEST_SUITE(api_org_user)

BOOST_AUTO_TEST_CASE(server_admin_creates_and_lists_orgs_by_name) {
  ApiFixture api;
  TestResponse created = api.AsAdmin("POST", "/api/orgs", R"({"name":"Ops"})");
  BOOST_TEST_REQUIRE(created.status == 200, created.body);
  BOOST_TEST(created.Json().at("orgId").as_int64() == 2);
  BOOST_TEST(Message(created) == "Organization created");
  BOOST_TEST(
      api.AsAdmin("POST", "/api/orgs", R"({"name":"Aardvark"})").status == 200);
  TestResponse dup = api.AsAdmin("POST", "/api/orgs", R"({"name":"Ops"})");
  BOOST_TEST(dup.status == 409);
  BOOST_TEST(Message(dup) == "Organization name taken");
  TestResponse list = api.AsAdmin("GET", "/api/orgs");
  BOOST_TEST_REQUIRE(list.status == 200);
  BOOST_TEST(
      boost::json::serialize(list.Json()) ==
      R"([{"id":3,"name":"Aardvark"},{"id":1,"name":"Main Org."},{"id":2,"name":"Ops"}])");
  TestResponse query = api.AsAdmin("GET", "/api/orgs?query=op");
  BOOST_TEST(boost::json::serialize(query.Json()) ==
             R"([{"id":2,"name":"Ops"}])");
}

BOOST_AUTO_TEST_CASE(only_the_server_admin_creates_or_lists_orgs) {
  ApiFixture api;
  api.CreateUser("bob", "bob-pw", 1, "Admin");
  const CreatedKey key = api.CreateKey("admin-key", "Admin");
  BOOST_TEST(api.AsUser("bob", "bob-pw", "POST", "/api/orgs", R"({"name":"X"})")
                 .status == 403);
  BOOST_TEST(api.AsUser("bob", "bob-pw", "GET", "/api/orgs").status == 403);
  BOOST_TEST(
      api.AsKey(key.secret, "POST", "/api/orgs", R"({"name":"X"})").status ==
      403);
  BOOST_TEST(api.Anonymous("GET", "/api/orgs").status == 401);
  BOOST_TEST(api.AsAdmin("POST", "/api/orgs", R"({"name":""})").status == 400);
  BOOST_TEST(api.AsAdmin("POST", "/api/orgs", R"({"name":7})").status == 400);
  BOOST_TEST(api.AsAdmin("GET", "/api/orgs").Json().as_array().size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_created_user_joins_an_org_and_signs_in) {
  ApiFixture api;
  TestResponse created = api.AsAdmin(
      "POST", "/api/admin/users",
      R"({"name":"Dana","email":"dana@example.com","login":"dana","password":"pw-dana"})");
  BOOST_TEST_REQUIRE(created.status == 200, created.body);
  BOOST_TEST(Message(created) == "User created");
  const int64_t id = created.Json().at("id").as_int64();
  TestResponse added =
      api.AsAdmin("POST", "/api/orgs/1/users",
                  R"({"loginOrEmail":"dana@example.com","role":"Editor"})");
  BOOST_TEST_REQUIRE(added.status == 200, added.body);
  BOOST_TEST(Message(added) == "User added to organization");
  BOOST_TEST(added.Json().at("userId").as_int64() == id);
  BOOST_TEST(Members(api, 1)["dana"] == "Editor");
  TestResponse me = api.AsUser("dana", "pw-dana", "GET", "/api/user");
  BOOST_TEST_REQUIRE(me.status == 200, me.body);
  const auto profile = me.Json().as_object();
  BOOST_TEST(profile.at("id").as_int64() == id);
  BOOST_TEST(profile.at("login").as_string() == "dana");
  BOOST_TEST(profile.at("email").as_string() == "dana@example.com");
  BOOST_TEST(profile.at("name").as_string() == "Dana");
  BOOST_TEST(profile.at("orgId").as_int64() == 1);
  BOOST_TEST(profile.at("isGrafanaAdmin").as_bool() == false);
  BOOST_TEST(api.AsUser("dana", "wrong", "GET", "/api/user").status == 401);
}

BOOST_AUTO_TEST_CASE(user_creation_checks_caller_and_input) {
  ApiFixture api;
  api.CreateUser("bob", "bob-pw", 1, "Admin");
  const std::string form = R"({"login":"eve","password":"pw"})";
  BOOST_TEST(
      api.AsUser("bob", "bob-pw", "POST", "/api/admin/users", form).status ==
      403);
  TestResponse no_password =
      api.AsAdmin("POST", "/api/admin/users", R"({"login":"eve"})");
  BOOST_TEST(no_password.status == 400);
  BOOST_TEST(Message(no_password).starts_with("bad request data"));
  BOOST_TEST(
      api.AsAdmin("POST", "/api/admin/users", R"({"password":"pw"})").status ==
      400);
  BOOST_TEST(api.AsAdmin("POST", "/api/admin/users", "[1]").status == 400);
  BOOST_TEST(api.AsAdmin("POST", "/api/admin/users", form).status == 200);
  TestResponse dup = api.AsAdmin("POST", "/api/admin/users", form);
  BOOST_TEST(dup.status == 409);
  BOOST_TEST(Message(dup) == "User with same login already exists");
}

BOOST_AUTO_TEST_CASE(an_org_admin_manages_members_of_its_org_only) {
  ApiFixture api;
  const int64_t two = api.CreateOrg("Two");
  api.CreateUser("alice", "alice-pw", two, "Admin");
  const int64_t carol = api.CreateUser("carol", "carol-pw", 1, "Viewer");
  const std::string org2 = "/api/orgs/" + std::to_string(two) + "/users";
  const std::string carol2 = org2 + "/" + std::to_string(carol);
  auto as_alice = [&](std::string_view method, const std::string& target,
                      std::string_view body = {}) {
    return api.AsUser("alice", "alice-pw", method, target, body);
  };
  BOOST_TEST(
      as_alice("POST", org2, R"({"loginOrEmail":"carol","role":"Viewer"})")
          .status == 200);
  TestResponse updated = as_alice("PATCH", carol2, R"({"role":"Editor"})");
  BOOST_TEST(updated.status == 200);
  BOOST_TEST(Message(updated) == "Organization user updated");
  BOOST_TEST(Members(api, two)["carol"] == "Editor");
  BOOST_TEST(Members(api, 1)["carol"] == "Viewer");
  BOOST_TEST(as_alice("GET", "/api/orgs/1/users").status == 403);
  BOOST_TEST(as_alice("POST", "/api/orgs/1/users",
                      R"({"loginOrEmail":"alice","role":"Admin"})")
                 .status == 403);
  BOOST_TEST(
      as_alice("DELETE", "/api/orgs/1/users/" + std::to_string(carol)).status ==
      403);
  TestResponse removed = as_alice("DELETE", carol2);
  BOOST_TEST(removed.status == 200);
  BOOST_TEST(Message(removed) == "User removed from organization");
  BOOST_TEST(!Members(api, two).contains("carol"));
  BOOST_TEST(Members(api, 1).contains("carol"));
}

// As in Grafana, the server admin created at the first start is an Admin of
// Main Org.
BOOST_AUTO_TEST_CASE(the_first_server_admin_is_an_admin_of_main_org) {
  ApiFixture api;
  BOOST_TEST(Members(api, 1) ==
             (std::map<std::string, std::string>{{"admin", "Admin"}}));
}

BOOST_AUTO_TEST_CASE(membership_changes_follow_the_role_rules) {
  ApiFixture api;
  const int64_t bob = api.CreateUser("bob", "bob-pw", 1, "Admin");
  api.CreateUser("ed", "ed-pw", 1, "Editor");
  api.AsAdmin("POST", "/api/admin/users", R"({"login":"new","password":"pw"})");
  const std::string bob1 = "/api/orgs/1/users/" + std::to_string(bob);
  BOOST_TEST(api.AsUser("ed", "ed-pw", "POST", "/api/orgs/1/users",
                        R"({"loginOrEmail":"new","role":"Viewer"})")
                 .status == 403);
  BOOST_TEST(api.AsUser("ed", "ed-pw", "GET", "/api/orgs/1/users").status ==
             403);
  BOOST_TEST(api.AsAdmin("POST", "/api/orgs/1/users",
                         R"({"loginOrEmail":"new","role":"Boss"})")
                 .status == 400);
  BOOST_TEST(api.AsAdmin("POST", "/api/orgs/1/users",
                         R"({"loginOrEmail":"nobody","role":"Viewer"})")
                 .status == 404);
  BOOST_TEST(
      api.AsAdmin("POST", "/api/orgs/1/users", R"({"role":"Viewer"})").status ==
      400);
  BOOST_TEST(api.AsAdmin("POST", "/api/orgs/1/users",
                         R"({"loginOrEmail":"ed","role":"Viewer"})")
                 .status == 409);
  // The server admin leaves Main Org., which leaves bob its last Admin.
  const std::string admin1 =
      "/api/orgs/1/users/" +
      std::to_string(api.StateCopy().user_by_login.at("admin"));
  BOOST_TEST(api.AsAdmin("DELETE", admin1).status == 200);
  BOOST_TEST(api.AsAdmin("PATCH", bob1, R"({"role":"Viewer"})").status ==
             400);  // last Admin
  BOOST_TEST(api.AsAdmin("DELETE", bob1).status == 400);
  BOOST_TEST(
      api.AsAdmin("PATCH", "/api/orgs/1/users/999", R"({"role":"Viewer"})")
          .status == 404);
  BOOST_TEST(api.AsAdmin("PATCH", "/api/orgs/x/users/1", R"({"role":"Viewer"})")
                 .status == 400);
  BOOST_TEST(api.AsAdmin("GET", "/api/orgs/42/users").status == 404);
  BOOST_TEST(Members(api, 1).size() == 2u);
}

BOOST_AUTO_TEST_CASE(signed_in_user_is_a_user_not_a_key) {
  ApiFixture api;
  TestResponse admin = api.AsAdmin("GET", "/api/user");
  BOOST_TEST_REQUIRE(admin.status == 200);
  BOOST_TEST(admin.Json().at("isGrafanaAdmin").as_bool());
  BOOST_TEST(admin.Json().at("login").as_string() == "admin");
  const CreatedKey key = api.CreateKey("k", "Admin");
  TestResponse by_key = api.AsKey(key.secret, "GET", "/api/user");
  BOOST_TEST(by_key.status == 404);
  BOOST_TEST(Message(by_key) == "User not found");
  BOOST_TEST(api.Anonymous("GET", "/api/user").status == 401);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http::testing
