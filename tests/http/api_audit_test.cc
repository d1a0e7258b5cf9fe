#define BOOST_TEST_MODULE http_api_audit_test
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>
#include <set>
#include <string>

#include "tests/http/api_fixture.h"

namespace keyledger::http::testing {
namespace {

using boost::json::object;

std::string Str(const boost::json::value& v) {
  return std::string(v.as_string());
}

// GET /api/audit<query> by `who`; requires 200 and returns the body.
object Audit(const TestResponse& r) {
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.status << " " << r.body);
  return r.Json().as_object();
}

std::set<int64_t> OrgsOf(const object& page) {
  std::set<int64_t> orgs;
  for (const auto& e : page.at("entries").as_array()) {
    orgs.insert(e.at("orgId").as_int64());
  }
  return orgs;
}

BOOST_AUTO_TEST_SUITE(api_audit)

BOOST_AUTO_TEST_CASE(every_change_records_who_what_where_and_the_request) {
  ApiFixture api;
  TestResponse created =
      api.AsAdmin("POST", "/api/auth/keys", R"({"name":"ci","role":"Admin"})",
                  {{"X-Request-Id", "req-create-ci"}});
  BOOST_TEST_REQUIRE(created.status == 200);
  const int64_t id = created.Json().at("id").as_int64();
  const object page = Audit(api.AsAdmin("GET", "/api/audit?perpage=1"));
  BOOST_TEST(page.at("totalCount").as_int64() ==
             static_cast<int64_t>(api.LastPosition()));
  BOOST_TEST(page.at("page").as_int64() == 1);
  BOOST_TEST(page.at("perPage").as_int64() == 1);
  const object& e = page.at("entries").as_array().at(0).as_object();
  BOOST_TEST(e.at("id").as_int64() == static_cast<int64_t>(api.LastPosition()));
  BOOST_TEST(Str(e.at("action")) == "ApiKeyCreated");
  BOOST_TEST(e.at("orgId").as_int64() == 1);
  BOOST_TEST(boost::json::serialize(e.at("actor")) ==
             R"({"kind":"server-admin","id":1,"login":"admin"})");
  BOOST_TEST(boost::json::serialize(e.at("target")) ==
             R"({"kind":"api-key","id":)" + std::to_string(id) +
                 R"(,"name":"ci"})");
  BOOST_TEST(Str(e.at("outcome")) == "success");
  BOOST_TEST(Str(e.at("requestId")) == "req-create-ci");
  BOOST_TEST(Str(e.at("clientAddress")) == "127.0.0.1");
  const std::string time = Str(e.at("time"));
  BOOST_TEST(time.size() == 24u);
  BOOST_TEST(time.ends_with("Z"));
  BOOST_TEST(time.substr(0, 4) >= "2020");
}

BOOST_AUTO_TEST_CASE(a_key_acting_is_recorded_as_that_key) {
  ApiFixture api;
  const CreatedKey admin_key = api.CreateKey("automation", "Admin");
  const CreatedKey victim = api.CreateKey("old", "Viewer");
  TestResponse deleted =
      api.AsKey(admin_key.secret, "DELETE",
                "/api/auth/keys/" + std::to_string(victim.id));
  BOOST_TEST_REQUIRE(deleted.status == 200);
  const object page = Audit(
      api.AsKey(admin_key.secret, "GET", "/api/audit?action=ApiKeyDeleted"));
  BOOST_TEST_REQUIRE(page.at("totalCount").as_int64() == 1);
  const object& e = page.at("entries").as_array().at(0).as_object();
  BOOST_TEST(boost::json::serialize(e.at("actor")) ==
             R"({"kind":"api-key","id":)" + std::to_string(admin_key.id) +
                 R"(,"login":"automation"})");
  BOOST_TEST(e.at("target").at("id").as_int64() == victim.id);
  BOOST_TEST(Str(e.at("requestId")) == deleted.Header("X-Request-Id"));
}

BOOST_AUTO_TEST_CASE(org_admins_read_only_their_orgs_entries) {
  ApiFixture api;
  const int64_t two = api.CreateOrg("Two");
  api.CreateUser("alice", "alice-pw", two, "Admin");
  api.CreateUser("bob", "bob-pw", 1, "Admin");
  api.CreateUser("vic", "vic-pw", 1, "Viewer");
  api.CreateKey("one", "Viewer", 1);
  api.CreateKey("two", "Viewer", two);
  const object alice =
      Audit(api.AsUser("alice", "alice-pw", "GET", "/api/audit"));
  BOOST_TEST((OrgsOf(alice) == std::set<int64_t>{two}));
  BOOST_TEST(alice.at("totalCount").as_int64() ==
             2);  // alice joined, key "two"
  const object bob = Audit(api.AsUser("bob", "bob-pw", "GET", "/api/audit"));
  BOOST_TEST((OrgsOf(bob) == std::set<int64_t>{1}));
  BOOST_TEST(
      api.AsUser("alice", "alice-pw", "GET", "/api/audit?orgId=1").status ==
      403);
  BOOST_TEST(api.AsUser("alice", "alice-pw", "GET", "/api/audit", {},
                        ApiFixture::OrgHeader(1))
                 .status == 403);
  BOOST_TEST(api.AsUser("vic", "vic-pw", "GET", "/api/audit").status == 403);
  BOOST_TEST(api.Anonymous("GET", "/api/audit").status == 401);
  const object all = Audit(api.AsAdmin("GET", "/api/audit"));
  BOOST_TEST((OrgsOf(all) == std::set<int64_t>{0, 1, two}));
  BOOST_TEST(all.at("totalCount").as_int64() ==
             static_cast<int64_t>(api.LastPosition()));
  const object only_two =
      Audit(api.AsAdmin("GET", "/api/audit?orgId=" + std::to_string(two)));
  BOOST_TEST(only_two.at("totalCount").as_int64() == 2);
}

BOOST_AUTO_TEST_CASE(filters_and_paging_narrow_the_entries) {
  ApiFixture api;
  const CreatedKey a = api.CreateKey("a", "Viewer");
  api.CreateKey("b", "Viewer");
  api.CreateKey("c", "Viewer");
  object page = Audit(
      api.AsAdmin("GET", "/api/audit?action=ApiKeyCreated&perpage=2&page=2"));
  BOOST_TEST(page.at("totalCount").as_int64() == 3);
  BOOST_TEST_REQUIRE(page.at("entries").as_array().size() == 1u);
  BOOST_TEST(Str(page.at("entries").as_array()[0].at("target").at("name")) ==
             "a");
  page = Audit(
      api.AsAdmin("GET", "/api/audit?target=api-key:" + std::to_string(a.id)));
  BOOST_TEST(page.at("totalCount").as_int64() == 1);
  page = Audit(api.AsAdmin("GET", "/api/audit?actor=admin&target=b"));
  BOOST_TEST(page.at("totalCount").as_int64() == 1);
  page = Audit(api.AsAdmin("GET", "/api/audit?from=4000000000"));
  BOOST_TEST(page.at("totalCount").as_int64() == 0);
  page = Audit(api.AsAdmin("GET", "/api/audit?to=2000-01-01T00:00:00Z"));
  BOOST_TEST(page.at("totalCount").as_int64() == 0);
  page = Audit(api.AsAdmin(
      "GET", "/api/audit?from=2000-01-01T00:00:00%2B02:00&to=4000000000"));
  BOOST_TEST(page.at("totalCount").as_int64() ==
             static_cast<int64_t>(api.LastPosition()));
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_400_with_a_message) {
  ApiFixture api;
  for (const char* query :
       {"perpage=1001", "perpage=0", "page=0", "page=x", "from=yesterday",
        "to=2024-13-01T00:00:00Z", "from=4000000000&to=1", "orgId=abc"}) {
    TestResponse r = api.AsAdmin("GET", std::string("/api/audit?") + query);
    BOOST_TEST(r.status == 400, query);
    BOOST_TEST(r.Json().at("message").as_string().size() > 0u, query);
  }
  BOOST_TEST(api.AsAdmin("GET", "/api/audit?perpage=1000").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http::testing
