#define BOOST_TEST_MODULE org_checks
#include "domain/org_checks.h"

#include <boost/test/unit_test.hpp>

#include "scenario.h"

namespace keyledger::domain {
namespace {

using namespace testing;

BOOST_AUTO_TEST_SUITE(org_checks)

// SPEC §5: nobody grants a role above their own (catalogue cases 31, 38).
BOOST_AUTO_TEST_CASE(a_role_above_the_actors_own_is_denied) {
  const Result<Role> role =
      RequireAssignableRole("Admin", AsRole(Role::kEditor), "bad");
  BOOST_REQUIRE(!role);
  BOOST_TEST((role.error().code == ErrorCode::kPermissionDenied));
  BOOST_TEST(role.error().message ==
             "Cannot assign a role higher than user's role");
}

BOOST_AUTO_TEST_CASE(equal_or_lower_roles_are_assignable) {
  BOOST_TEST((*RequireAssignableRole("Editor", AsRole(Role::kEditor), "bad") ==
              Role::kEditor));
  BOOST_TEST((*RequireAssignableRole("None", AsRole(Role::kViewer), "bad") ==
              Role::kNone));
  BOOST_TEST((*RequireAssignableRole("Admin", AsServerAdmin(), "bad") ==
              Role::kAdmin));
}

BOOST_AUTO_TEST_CASE(an_unknown_role_gets_the_callers_message) {
  const Result<Role> role = RequireAssignableRole("viewer", AsOrgAdmin(),
                                                  "invalid role value: viewer");
  BOOST_REQUIRE(!role);
  BOOST_TEST((role.error().code == ErrorCode::kInvalidArgument));
  BOOST_TEST(role.error().message == "invalid role value: viewer");
}

BOOST_AUTO_TEST_CASE(token_ids_are_listed_ascending_per_account) {
  const State state = Given({Org(kOrg), Account(1, kOrg, "a"),
                             Account(2, kOrg, "b"), Token(9, kOrg, 1, "x"),
                             Token(3, kOrg, 1, "y"), Token(5, kOrg, 2, "z")});
  BOOST_TEST((TokenIdsOf(state, 1) == std::vector<int64_t>{3, 9}));
  BOOST_TEST((TokenIdsOf(state, 2) == std::vector<int64_t>{5}));
  BOOST_TEST(TokenIdsOf(state, 7).empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
