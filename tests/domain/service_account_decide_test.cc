#define BOOST_TEST_MODULE service_account_decide
#include <boost/test/unit_test.hpp>

#include "scenario.h"

namespace keyledger::domain {
namespace {

using namespace testing;

CreateServiceAccount NewAccount(std::string name,
                                std::optional<std::string> role = std::nullopt,
                                std::optional<bool> disabled = std::nullopt) {
  return CreateServiceAccount{kOrg, std::move(name), std::move(role), disabled};
}

BOOST_AUTO_TEST_SUITE(service_account_decide)

// Catalogue case 30 (login in the newest scheme, SPEC §8).
BOOST_AUTO_TEST_CASE(
    create_emits_account_with_org_scoped_login_and_viewer_role) {
  const State state =
      Given({Org(kOrg), UserCreated{7, "bob", "", "", {}, "", false, 0}});
  const Events events =
      ExpectEvents(Decide(state, NewAccount("New SA"), AsOrgAdmin()));
  const Events expected{ServiceAccountCreated{kOrg, 8, "New SA", "sa-1-new-sa",
                                              Role::kViewer, false, kNow}};
  BOOST_TEST((events == expected));
}

// Catalogue case 11 (role and disabled are kept).
BOOST_AUTO_TEST_CASE(create_keeps_the_requested_role_and_disabled_flag) {
  const Events events = ExpectEvents(
      Decide(Given({Org(kOrg)}),
             NewAccount("new Service Account", "Admin", true), AsOrgAdmin()));
  const auto& created = std::get<ServiceAccountCreated>(events[0]);
  BOOST_TEST(created.login == "sa-1-new-service-account");
  BOOST_TEST((created.role == Role::kAdmin));
  BOOST_TEST(created.disabled);
}

// Catalogue case 10.
BOOST_AUTO_TEST_CASE(create_in_a_missing_org_is_not_found) {
  ExpectError(Decide(Given({Org(kOrg)}), CreateServiceAccount{42, "x", {}, {}},
                     AsServerAdmin()),
              ErrorCode::kNotFound, "Organization not found");
}

// Catalogue case 32.
BOOST_AUTO_TEST_CASE(create_with_an_invalid_role_is_a_bad_request) {
  ExpectError(
      Decide(Given({Org(kOrg)}), NewAccount("x", "Random"), AsOrgAdmin()),
      ErrorCode::kInvalidArgument, "invalid role value: Random");
}

// Catalogue case 33.
BOOST_AUTO_TEST_CASE(create_with_a_taken_login_is_a_bad_request) {
  ExpectError(Decide(Given({Org(kOrg), Account(2, kOrg, "dup")}),
                     NewAccount("DUP"), AsOrgAdmin()),
              ErrorCode::kInvalidArgument, "service account already exists");
}

BOOST_AUTO_TEST_CASE(login_taken_by_a_user_also_blocks_creation) {
  const State state =
      Given({Org(kOrg), UserCreated{7, "sa-1-bot", "", "", {}, "", false, 0}});
  ExpectError(Decide(state, NewAccount("bot"), AsOrgAdmin()),
              ErrorCode::kInvalidArgument, "service account already exists");
}

BOOST_AUTO_TEST_CASE(same_name_is_allowed_once_per_org) {
  const State state =
      Given({Org(kOrg), Org(kOtherOrg), Account(2, kOtherOrg, "dup")});
  BOOST_TEST(Decide(state, NewAccount("dup"), AsOrgAdmin()).has_value());
}

// Catalogue case 34.
BOOST_AUTO_TEST_CASE(create_without_a_name_is_a_bad_request) {
  ExpectError(Decide(Given({Org(kOrg)}), NewAccount(""), AsOrgAdmin()),
              ErrorCode::kInvalidArgument,
              "Bad request data: name is required");
}

// Catalogue cases 31 and 35.
BOOST_AUTO_TEST_CASE(create_is_denied_to_non_admins) {
  for (Role role : {Role::kEditor, Role::kViewer, Role::kNone}) {
    ExpectError(
        Decide(Given({Org(kOrg)}), NewAccount("x", "Admin"), AsRole(role)),
        ErrorCode::kPermissionDenied,
        "You'll need additional permissions to perform this action. "
        "Permissions needed: serviceaccounts:write");
  }
}

// Catalogue case 38.
BOOST_AUTO_TEST_CASE(update_changes_name_role_and_disabled_and_keeps_login) {
  const State state =
      Given({Org(kOrg), Account(2, kOrg, "old", Role::kEditor)});
  const Events events = ExpectEvents(
      Decide(state, UpdateServiceAccount{kOrg, 2, "new", "Viewer", true},
             AsOrgAdmin(kNow + 5)));
  BOOST_TEST((events == Events{ServiceAccountUpdated{
                            kOrg, 2, "new", Role::kViewer, true, kNow + 5}}));
  const State after = Then(state, events);
  BOOST_TEST(after.service_accounts.at(2).login == "sa-1-old");
}

BOOST_AUTO_TEST_CASE(update_of_one_field_keeps_the_others) {
  const State state =
      Given({Org(kOrg), Account(2, kOrg, "old", Role::kEditor)});
  const Events events = ExpectEvents(
      Decide(state, UpdateServiceAccount{kOrg, 2, {}, {}, true}, AsOrgAdmin()));
  BOOST_TEST((events == Events{ServiceAccountUpdated{
                            kOrg, 2, "old", Role::kEditor, true, kNow}}));
}

BOOST_AUTO_TEST_CASE(empty_update_emits_nothing) {
  const State state = Given({Org(kOrg), Account(2, kOrg, "old")});
  BOOST_TEST(
      ExpectEvents(Decide(state, UpdateServiceAccount{kOrg, 2, {}, {}, {}},
                          AsOrgAdmin()))
          .empty());
}

BOOST_AUTO_TEST_CASE(update_validates_name_and_role) {
  const State state = Given({Org(kOrg), Account(2, kOrg, "old")});
  ExpectError(
      Decide(state, UpdateServiceAccount{kOrg, 2, "", {}, {}}, AsOrgAdmin()),
      ErrorCode::kInvalidArgument, "Bad request data: name is required");
  ExpectError(Decide(state, UpdateServiceAccount{kOrg, 2, {}, "Boss", {}},
                     AsOrgAdmin()),
              ErrorCode::kInvalidArgument, "invalid role value: Boss");
}

// Catalogue case 37 (unknown id) and SPEC §8 (another org's account).
BOOST_AUTO_TEST_CASE(update_of_unknown_or_foreign_account_is_not_found) {
  const State state =
      Given({Org(kOrg), Org(kOtherOrg), Account(2, kOtherOrg, "x")});
  for (int64_t id : {2, 12}) {
    ExpectError(Decide(state, UpdateServiceAccount{kOrg, id, "y", {}, {}},
                       AsOrgAdmin()),
                ErrorCode::kNotFound, "service account not found");
  }
}

// Catalogue case 36 and reference §1.2: deleting deletes every token.
BOOST_AUTO_TEST_CASE(delete_lists_the_accounts_tokens_in_id_order) {
  const State state = Given({Org(kOrg), Account(2, kOrg, "s"),
                             Token(9, kOrg, 2, "a"), Token(4, kOrg, 2, "b"),
                             Account(3, kOrg, "t"), Token(5, kOrg, 3, "c")});
  const Events events =
      ExpectEvents(Decide(state, DeleteServiceAccount{kOrg, 2}, AsOrgAdmin()));
  BOOST_TEST((events == Events{ServiceAccountDeleted{kOrg, 2, {4, 9}}}));
  const State after = Then(state, events);
  BOOST_TEST(!after.keys.contains(4));
  BOOST_TEST(!after.keys.contains(9));
  BOOST_TEST(after.keys.contains(5));
}

// Catalogue case 12 (a regular user is not a service account).
BOOST_AUTO_TEST_CASE(delete_of_a_user_or_unknown_id_is_not_found) {
  const State state =
      Given({Org(kOrg), UserCreated{7, "bob", "", "", {}, "", false, 0},
             OrgUserAdded{kOrg, 7, Role::kViewer}});
  for (int64_t id : {7, 99}) {
    ExpectError(Decide(state, DeleteServiceAccount{kOrg, id}, AsOrgAdmin()),
                ErrorCode::kNotFound, "service account not found");
  }
}

BOOST_AUTO_TEST_CASE(delete_is_denied_to_an_editor) {
  ExpectError(Decide(Given({Org(kOrg), Account(2, kOrg, "s")}),
                     DeleteServiceAccount{kOrg, 2}, AsRole(Role::kEditor)),
              ErrorCode::kPermissionDenied,
              "You'll need additional permissions to perform this action. "
              "Permissions needed: serviceaccounts:write");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
