#define BOOST_TEST_MODULE authorize
#include "domain/authorize.h"

#include <boost/test/unit_test.hpp>

#include "scenario.h"

namespace keyledger::domain {
namespace {

using namespace testing;

constexpr Permission kOrgScoped[] = {
    Permission::kApiKeysRead,         Permission::kApiKeysWrite,
    Permission::kServiceAccountsRead, Permission::kServiceAccountsWrite,
    Permission::kAuditRead,           Permission::kOrgUsersRead,
    Permission::kOrgUsersWrite};
constexpr Permission kServerWide[] = {
    Permission::kOrgsRead, Permission::kOrgsWrite, Permission::kUsersWrite,
    Permission::kKeyUseRecord};

BOOST_AUTO_TEST_SUITE(authorize)

BOOST_AUTO_TEST_CASE(org_admin_holds_every_org_scoped_permission) {
  for (Permission p : kOrgScoped)
    BOOST_TEST(Authorize(p, AsOrgAdmin()).has_value());
}

BOOST_AUTO_TEST_CASE(org_admin_holds_no_server_wide_permission) {
  for (Permission p : kServerWide)
    BOOST_TEST(!Authorize(p, AsOrgAdmin()).has_value());
}

BOOST_AUTO_TEST_CASE(editors_viewers_and_non_members_hold_nothing) {
  for (Role role : {Role::kEditor, Role::kViewer, Role::kNone}) {
    for (Permission p : kOrgScoped)
      BOOST_TEST(!Authorize(p, AsRole(role)).has_value());
  }
}

BOOST_AUTO_TEST_CASE(server_admin_and_system_hold_everything) {
  for (const Context& context : {AsServerAdmin(), AsSystem()}) {
    for (Permission p : kOrgScoped)
      BOOST_TEST(Authorize(p, context).has_value());
    for (Permission p : kServerWide)
      BOOST_TEST(Authorize(p, context).has_value());
  }
}

// Grafana #62365: an Admin-role key has only org-Admin rights.
BOOST_AUTO_TEST_CASE(admin_api_key_is_an_org_admin_and_nothing_more) {
  Context context = AsOrgAdmin();
  context.actor = Actor{ActorKind::kApiKey, 3, "k"};
  BOOST_TEST(Authorize(Permission::kApiKeysWrite, context).has_value());
  BOOST_TEST(!Authorize(Permission::kOrgsWrite, context).has_value());
}

BOOST_AUTO_TEST_CASE(denial_is_403_naming_the_missing_action) {
  const Result<void> denied =
      Authorize(Permission::kApiKeysWrite, AsRole(Role::kEditor));
  BOOST_REQUIRE(!denied);
  BOOST_TEST((denied.error().code == ErrorCode::kPermissionDenied));
  BOOST_TEST(denied.error().message ==
             "You'll need additional permissions to perform this action. "
             "Permissions needed: apikeys:write");
}

BOOST_AUTO_TEST_CASE(each_command_requires_its_permission) {
  BOOST_TEST((RequiredPermission(CreateOrg{}) == Permission::kOrgsWrite));
  BOOST_TEST((RequiredPermission(CreateUser{}) == Permission::kUsersWrite));
  BOOST_TEST((RequiredPermission(AddOrgUser{}) == Permission::kOrgUsersWrite));
  BOOST_TEST(
      (RequiredPermission(UpdateOrgUser{}) == Permission::kOrgUsersWrite));
  BOOST_TEST(
      (RequiredPermission(RemoveOrgUser{}) == Permission::kOrgUsersWrite));
  BOOST_TEST((RequiredPermission(CreateApiKey{}) == Permission::kApiKeysWrite));
  BOOST_TEST((RequiredPermission(DeleteApiKey{}) == Permission::kApiKeysWrite));
  BOOST_TEST((RequiredPermission(RecordKeyUse{}) == Permission::kKeyUseRecord));
  for (const Command& c :
       {Command{CreateServiceAccount{}}, Command{UpdateServiceAccount{}},
        Command{DeleteServiceAccount{}}, Command{CreateToken{}},
        Command{DeleteToken{}}, Command{RevokeToken{}}, Command{MigrateKey{}},
        Command{MigrateAll{}}, Command{HideApiKeys{}},
        Command{RevertToken{}}}) {
    BOOST_TEST((RequiredPermission(c) == Permission::kServiceAccountsWrite));
  }
}

BOOST_AUTO_TEST_CASE(server_admin_and_system_count_as_admin_for_role_grants) {
  BOOST_TEST((EffectiveRole(AsServerAdmin()) == Role::kAdmin));
  BOOST_TEST((EffectiveRole(AsSystem()) == Role::kAdmin));
  BOOST_TEST((EffectiveRole(AsRole(Role::kEditor)) == Role::kEditor));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
