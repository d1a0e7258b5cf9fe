#define BOOST_TEST_MODULE revert_decide
#include <boost/test/unit_test.hpp>

#include "scenario.h"

namespace keyledger::domain {
namespace {

using namespace testing;

// Key 3 "Test1" (Editor) migrated to account 10.
State Migrated() {
  return Given(
      {Org(kOrg), Org(kOtherOrg),
       LegacyKey(3, kOrg, "Test1", Role::kEditor, kNow + 500),
       ServiceAccountCreated{kOrg, 10, "sa-autogen-Test1", "sa-autogen-1-test1",
                             Role::kEditor, false, kNow},
       ApiKeyMigrated{kOrg, 3, 10}});
}

BOOST_AUTO_TEST_SUITE(revert_decide)

// Catalogue case 18.
BOOST_AUTO_TEST_CASE(revert_turns_the_token_back_into_the_same_legacy_key) {
  const State state = Migrated();
  const Events events =
      ExpectEvents(Decide(state, RevertToken{kOrg, 10, 3}, AsOrgAdmin()));
  BOOST_TEST((events == Events{TokenReverted{kOrg, 3, 10},
                               ServiceAccountDeleted{kOrg, 10, {}}}));
  const State after = Then(state, events);
  BOOST_TEST(after.service_accounts.empty());
  KeyRecord expected = state.keys.at(3);
  expected.service_account_id.reset();
  BOOST_TEST((after.keys.at(3) == expected));
  BOOST_TEST(!after.user_by_login.contains("sa-autogen-1-test1"));
  BOOST_TEST(after.token_by_sa_name.empty());
}

// Reference §4.8 note: a native token reverts into a Viewer legacy key.
BOOST_AUTO_TEST_CASE(revert_of_a_native_token_gives_a_viewer_key) {
  const State state = Given(
      {Org(kOrg), Account(2, kOrg, "s", Role::kAdmin), Token(4, kOrg, 2, "t")});
  const State after =
      Then(state,
           ExpectEvents(Decide(state, RevertToken{kOrg, 2, 4}, AsOrgAdmin())));
  BOOST_TEST((after.keys.at(4).role == Role::kViewer));
  BOOST_TEST(!after.keys.at(4).service_account_id.has_value());
}

// Catalogue case 19, decided by SPEC §8: an unknown account is 404.
BOOST_AUTO_TEST_CASE(revert_with_unknown_or_foreign_account_is_not_found) {
  State state = Then(Migrated(), {Account(11, kOtherOrg, "x")});
  for (int64_t sa : {999, 11}) {
    ExpectError(Decide(state, RevertToken{kOrg, sa, 3}, AsOrgAdmin()),
                ErrorCode::kNotFound, "service account not found");
  }
}

BOOST_AUTO_TEST_CASE(revert_with_unknown_or_foreign_key_is_not_found) {
  const State state = Then(
      Migrated(), {Account(11, kOtherOrg, "x"), Token(12, kOtherOrg, 11, "t")});
  ExpectError(Decide(state, RevertToken{kOrg, 10, 999}, AsOrgAdmin()),
              ErrorCode::kNotFound, "API key not found");
  ExpectError(Decide(state, RevertToken{kOrg, 11, 12}, AsOrgAdmin()),
              ErrorCode::kNotFound, "API key not found");
}

BOOST_AUTO_TEST_CASE(
    revert_of_a_legacy_key_or_anothers_token_is_a_bad_request) {
  const State state =
      Then(Migrated(), {LegacyKey(5, kOrg, "plain"), Account(11, kOrg, "other"),
                        Token(12, kOrg, 11, "t")});
  for (int64_t key : {5, 12}) {
    ExpectError(Decide(state, RevertToken{kOrg, 10, key}, AsOrgAdmin()),
                ErrorCode::kInvalidArgument,
                "API token does not belong to the given service account");
  }
}

BOOST_AUTO_TEST_CASE(revert_is_rejected_when_service_account_has_two_tokens) {
  const State state = Then(Migrated(), {Token(6, kOrg, 10, "second")});
  ExpectError(
      Decide(state, RevertToken{kOrg, 10, 3}, AsOrgAdmin()),
      ErrorCode::kInvalidArgument,
      "cannot revert token: service account contains more than one token");
}

BOOST_AUTO_TEST_CASE(revert_is_denied_to_an_editor) {
  ExpectError(
      Decide(Migrated(), RevertToken{kOrg, 10, 3}, AsRole(Role::kEditor)),
      ErrorCode::kPermissionDenied,
      "You'll need additional permissions to perform this action. "
      "Permissions needed: serviceaccounts:write");
}

BOOST_AUTO_TEST_CASE(hide_api_keys_sets_the_org_flag_once) {
  const State state = Given({Org(kOrg)});
  const Events events =
      ExpectEvents(Decide(state, HideApiKeys{kOrg}, AsOrgAdmin()));
  BOOST_TEST((events == Events{ApiKeysHidden{kOrg}}));
  const State after = Then(state, events);
  BOOST_TEST(after.orgs.at(kOrg).api_keys_hidden);
  BOOST_TEST(
      ExpectEvents(Decide(after, HideApiKeys{kOrg}, AsOrgAdmin())).empty());
}

BOOST_AUTO_TEST_CASE(hide_api_keys_in_a_missing_org_is_not_found) {
  ExpectError(Decide(State{}, HideApiKeys{3}, AsServerAdmin()),
              ErrorCode::kNotFound, "Organization not found");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
