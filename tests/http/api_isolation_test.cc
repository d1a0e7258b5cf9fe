// Org isolation: an Admin key of org B sees and changes nothing of org A.

#define BOOST_TEST_MODULE http_api_isolation_test
#include <boost/test/unit_test.hpp>

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
  BOOST_TEST(as_b("GET", "/api/serviceaccounts/search").Json().at("totalCount").as_int64() ==
             0);
  BOOST_TEST(as_b("DELETE", "/api/auth/keys/" + std::to_string(a_key.id)).status == 404);
  BOOST_TEST(as_b("GET", sa).status == 404);
  BOOST_TEST(as_b("PATCH", sa, R"({"name":"hijack"})").status == 404);
  BOOST_TEST(as_b("DELETE", sa).status == 404);
  BOOST_TEST(as_b("GET", sa + "/tokens").status == 404);
  BOOST_TEST(as_b("POST", sa + "/tokens", R"({"name":"x"})").status == 404);
  BOOST_TEST(as_b("DELETE", sa + "/tokens/" + token).status == 404);
  BOOST_TEST(as_b("POST", sa + "/tokens/" + token + "/revoke").status == 404);
  BOOST_TEST(as_b("POST", "/api/serviceaccounts/migrate/" + std::to_string(a_key.id)).status ==
             404);
  BOOST_TEST(as_b("POST", "/api/serviceaccounts/" + std::to_string(a_migrated_sa) +
                              "/revert/" + std::to_string(a_key2.id))
                 .status == 404);
  // Migrates org B's own key only.
  BOOST_TEST(as_b("POST", "/api/serviceaccounts/migrate").Json().at("total").as_int64() == 1);
  TestResponse cross = api.AsKey(b.secret, "GET", "/api/auth/keys", {},
                                 ApiFixture::OrgHeader(1));
  BOOST_TEST(cross.status == 401);
  // Only org B's migrate-all was written; org A is unchanged.
  const domain::State after = api.StateCopy();
  BOOST_TEST((after.keys.at(a_key.id) == before.keys.at(a_key.id)));
  BOOST_TEST((after.service_accounts.at(a_sa) == before.service_accounts.at(a_sa)));
  BOOST_TEST((after.keys.at(a_token.id) == before.keys.at(a_token.id)));
  BOOST_TEST((after.orgs.at(1) == before.orgs.at(1)));
  BOOST_TEST(api.LastPosition() > position);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http::testing
