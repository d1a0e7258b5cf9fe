#define BOOST_TEST_MODULE identity_decide
#include <boost/test/unit_test.hpp>

#include "scenario.h"

namespace keyledger::domain {
namespace {

using namespace testing;

const HashedSecret& Password() {
  static const HashedSecret password = HashPassword("pw", "salt");
  return password;
}

Event User(int64_t id, std::string login, std::string email = "") {
  return UserCreated{id, login, email, "", Password(), "salt", false, 0};
}

CreateUser NewUser(std::string login, std::string email = "") {
  return CreateUser{login, email, "Name", Password(), "salt", false};
}

// Org 1 with alice (id 1, Admin) and bob (id 2, Viewer); carol (3) is no
// member.
State Team() {
  return Given({Org(kOrg, "Main Org."), User(1, "alice", "alice@example.com"),
                User(2, "bob", "bob@example.com"),
                User(3, "carol", "carol@example.com"),
                OrgUserAdded{kOrg, 1, Role::kAdmin},
                OrgUserAdded{kOrg, 2, Role::kViewer}});
}

BOOST_AUTO_TEST_SUITE(identity_decide)

BOOST_AUTO_TEST_CASE(server_admin_creates_an_org_with_the_next_id) {
  const Events events =
      ExpectEvents(Decide(Team(), CreateOrg{"Second"}, AsServerAdmin()));
  BOOST_TEST((events == Events{OrgCreated{2, "Second", kNow}}));
}

BOOST_AUTO_TEST_CASE(system_creates_the_default_org_at_bootstrap) {
  const Events events =
      ExpectEvents(Decide(State{}, CreateOrg{"Main Org."}, AsSystem()));
  BOOST_TEST((events == Events{OrgCreated{1, "Main Org.", kNow}}));
}

BOOST_AUTO_TEST_CASE(org_admin_may_not_create_orgs) {
  ExpectError(Decide(Team(), CreateOrg{"Mine"}, AsOrgAdmin()),
              ErrorCode::kPermissionDenied,
              "You'll need additional permissions to perform this action. "
              "Permissions needed: orgs:create");
}

BOOST_AUTO_TEST_CASE(org_name_is_required_and_unique) {
  ExpectError(Decide(Team(), CreateOrg{""}, AsServerAdmin()),
              ErrorCode::kInvalidArgument,
              "bad request data: name is required");
  ExpectError(Decide(Team(), CreateOrg{"Main Org."}, AsServerAdmin()),
              ErrorCode::kConflict, "Organization name taken");
}

BOOST_AUTO_TEST_CASE(create_user_emits_user_with_the_next_shared_id) {
  const State state = Then(Team(), {Account(4, kOrg, "bot")});
  const Events events =
      ExpectEvents(Decide(state, NewUser("dave", "d@x"), AsServerAdmin()));
  const Events expected{
      UserCreated{5, "dave", "d@x", "Name", Password(), "salt", false, kNow}};
  BOOST_TEST((events == expected));
}

BOOST_AUTO_TEST_CASE(create_user_without_login_uses_the_email) {
  const Events events =
      ExpectEvents(Decide(Team(), NewUser("", "e@x"), AsServerAdmin()));
  BOOST_TEST(std::get<UserCreated>(events[0]).login == "e@x");
}

BOOST_AUTO_TEST_CASE(create_user_validates_login_password_and_uniqueness) {
  ExpectError(Decide(Team(), NewUser(""), AsServerAdmin()),
              ErrorCode::kInvalidArgument,
              "bad request data: login is required");
  CreateUser no_password = NewUser("zed");
  no_password.password = {};
  ExpectError(Decide(Team(), no_password, AsServerAdmin()),
              ErrorCode::kInvalidArgument,
              "bad request data: password is required");
  ExpectError(Decide(Team(), NewUser("alice"), AsServerAdmin()),
              ErrorCode::kConflict, "User with same login already exists");
  ExpectError(
      Decide(Team(), NewUser("al", "alice@example.com"), AsServerAdmin()),
      ErrorCode::kConflict, "User with same email already exists");
}

BOOST_AUTO_TEST_CASE(user_login_may_not_take_a_service_account_login) {
  const State state = Then(Team(), {Account(4, kOrg, "bot")});
  ExpectError(Decide(state, NewUser("sa-1-bot"), AsServerAdmin()),
              ErrorCode::kConflict, "User with same login already exists");
}

BOOST_AUTO_TEST_CASE(only_the_server_admin_creates_users) {
  ExpectError(Decide(Team(), NewUser("x"), AsOrgAdmin()),
              ErrorCode::kPermissionDenied,
              "You'll need additional permissions to perform this action. "
              "Permissions needed: users:create");
}

BOOST_AUTO_TEST_CASE(org_admin_adds_a_user_by_login_or_email) {
  BOOST_TEST((ExpectEvents(Decide(Team(), AddOrgUser{kOrg, "carol", "Editor"},
                                  AsOrgAdmin())) ==
              Events{OrgUserAdded{kOrg, 3, Role::kEditor}}));
  BOOST_TEST((
      ExpectEvents(Decide(Team(), AddOrgUser{kOrg, "carol@example.com", "None"},
                          AsOrgAdmin())) ==
      Events{OrgUserAdded{kOrg, 3, Role::kNone}}));
}

BOOST_AUTO_TEST_CASE(add_rejects_unknown_user_member_bad_role_and_missing_org) {
  ExpectError(
      Decide(Team(), AddOrgUser{kOrg, "nobody", "Viewer"}, AsOrgAdmin()),
      ErrorCode::kNotFound, "User not found");
  ExpectError(Decide(Team(), AddOrgUser{kOrg, "bob", "Viewer"}, AsOrgAdmin()),
              ErrorCode::kConflict,
              "User is already member of this organization");
  ExpectError(Decide(Team(), AddOrgUser{kOrg, "carol", "Owner"}, AsOrgAdmin()),
              ErrorCode::kInvalidArgument, "Invalid role specified");
  ExpectError(Decide(Team(), AddOrgUser{7, "carol", "Viewer"}, AsServerAdmin()),
              ErrorCode::kNotFound, "Organization not found");
}

BOOST_AUTO_TEST_CASE(service_accounts_cannot_be_added_as_users) {
  const State state = Then(Team(), {Account(4, kOrg, "bot")});
  ExpectError(
      Decide(state, AddOrgUser{kOrg, "sa-1-bot", "Viewer"}, AsOrgAdmin()),
      ErrorCode::kNotFound, "User not found");
}

BOOST_AUTO_TEST_CASE(editors_do_not_manage_org_users) {
  ExpectError(Decide(Team(), AddOrgUser{kOrg, "carol", "Viewer"},
                     AsRole(Role::kEditor)),
              ErrorCode::kPermissionDenied,
              "You'll need additional permissions to perform this action. "
              "Permissions needed: org.users:write");
}

BOOST_AUTO_TEST_CASE(update_changes_a_members_role) {
  const Events events = ExpectEvents(
      Decide(Team(), UpdateOrgUser{kOrg, 2, "Editor"}, AsOrgAdmin()));
  BOOST_TEST((events == Events{OrgUserRoleChanged{kOrg, 2, Role::kEditor}}));
  BOOST_TEST(
      (Then(Team(), events).users.at(2).org_roles.at(kOrg) == Role::kEditor));
}

BOOST_AUTO_TEST_CASE(update_or_remove_of_a_non_member_is_not_found) {
  ExpectError(Decide(Team(), UpdateOrgUser{kOrg, 3, "Editor"}, AsOrgAdmin()),
              ErrorCode::kNotFound, "User not found");
  ExpectError(Decide(Team(), RemoveOrgUser{kOrg, 99}, AsOrgAdmin()),
              ErrorCode::kNotFound, "User not found");
}

BOOST_AUTO_TEST_CASE(the_last_admin_can_be_neither_demoted_nor_removed) {
  ExpectError(Decide(Team(), UpdateOrgUser{kOrg, 1, "Viewer"}, AsOrgAdmin()),
              ErrorCode::kInvalidArgument,
              "Cannot change role so that there is no organization admin left");
  ExpectError(Decide(Team(), RemoveOrgUser{kOrg, 1}, AsOrgAdmin()),
              ErrorCode::kInvalidArgument,
              "Cannot remove last organization admin");
  const State two_admins =
      Then(Team(), {OrgUserRoleChanged{kOrg, 2, Role::kAdmin}});
  BOOST_TEST(
      Decide(two_admins, RemoveOrgUser{kOrg, 1}, AsOrgAdmin()).has_value());
}

BOOST_AUTO_TEST_CASE(remove_emits_removal_and_ends_membership) {
  const Events events =
      ExpectEvents(Decide(Team(), RemoveOrgUser{kOrg, 2}, AsOrgAdmin()));
  BOOST_TEST((events == Events{OrgUserRemoved{kOrg, 2}}));
  BOOST_TEST(!Then(Team(), events).users.at(2).org_roles.contains(kOrg));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
