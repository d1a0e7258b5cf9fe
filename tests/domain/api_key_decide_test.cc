#define BOOST_TEST_MODULE api_key_decide
#include <boost/test/unit_test.hpp>

#include "scenario.h"

namespace keyledger::domain {
namespace {

using namespace testing;

CreateApiKey NewKey(std::string name, std::string role = "Viewer",
                    TtlInput ttl = {}) {
  HashedSecret hash = Hash("new-secret-" + name);
  return CreateApiKey{kOrg, std::move(name), std::move(role), std::move(ttl),
                      std::move(hash)};
}

BOOST_AUTO_TEST_SUITE(api_key_decide)

BOOST_AUTO_TEST_CASE(create_emits_key_with_next_id_role_and_no_expiry) {
  State state = Given({Org(kOrg), LegacyKey(4, kOrg, "old")});
  const Events events =
      ExpectEvents(Decide(state, NewKey("mykey", "Admin"), AsOrgAdmin()));
  const Events expected{ApiKeyCreated{kOrg, 5, "mykey", Role::kAdmin,
                                      Hash("new-secret-mykey"), kNow,
                                      std::nullopt}};
  BOOST_TEST((events == expected));
}

// Catalogue case 3.
BOOST_AUTO_TEST_CASE(create_with_seconds_to_live_expires_at_now_plus_seconds) {
  const Events events = ExpectEvents(Decide(
      Given({Org(kOrg)}), NewKey("k", "Viewer", {3600, {}}), AsOrgAdmin()));
  BOOST_TEST((std::get<ApiKeyCreated>(events[0]).expires == kNow + 3600));
}

BOOST_AUTO_TEST_CASE(create_accepts_time_to_live_text) {
  const Events events = ExpectEvents(Decide(
      Given({Org(kOrg)}), NewKey("k", "Viewer", {{}, "12h"}), AsOrgAdmin()));
  BOOST_TEST((std::get<ApiKeyCreated>(events[0]).expires == kNow + 43200));
}

BOOST_AUTO_TEST_CASE(create_is_denied_to_editors_and_viewers) {
  for (Role role : {Role::kEditor, Role::kViewer, Role::kNone}) {
    ExpectError(Decide(Given({Org(kOrg)}), NewKey("k"), AsRole(role)),
                ErrorCode::kPermissionDenied,
                "You'll need additional permissions to perform this action. "
                "Permissions needed: apikeys:write");
  }
}

BOOST_AUTO_TEST_CASE(server_admin_creates_keys_in_any_org) {
  BOOST_TEST(Decide(Given({Org(kOrg)}), NewKey("k", "Admin"), AsServerAdmin())
                 .has_value());
}

BOOST_AUTO_TEST_CASE(create_requires_an_existing_org) {
  ExpectError(Decide(State{}, NewKey("k"), AsServerAdmin()),
              ErrorCode::kNotFound, "Organization not found");
}

BOOST_AUTO_TEST_CASE(create_requires_a_name) {
  ExpectError(Decide(Given({Org(kOrg)}), NewKey(""), AsOrgAdmin()),
              ErrorCode::kInvalidArgument,
              "bad request data: name is required");
}

BOOST_AUTO_TEST_CASE(create_rejects_a_name_over_190_characters) {
  ExpectError(
      Decide(Given({Org(kOrg)}), NewKey(std::string(191, 'x')), AsOrgAdmin()),
      ErrorCode::kInvalidArgument,
      "bad request data: name is longer than 190 characters");
}

BOOST_AUTO_TEST_CASE(create_requires_a_valid_role) {
  ExpectError(Decide(Given({Org(kOrg)}), NewKey("k", ""), AsOrgAdmin()),
              ErrorCode::kInvalidArgument,
              "bad request data: role is required");
  ExpectError(Decide(Given({Org(kOrg)}), NewKey("k", "admin"), AsOrgAdmin()),
              ErrorCode::kInvalidArgument, "Invalid role specified");
}

// Catalogue case 8.
BOOST_AUTO_TEST_CASE(duplicate_name_in_the_org_is_a_conflict) {
  ExpectError(Decide(Given({Org(kOrg), LegacyKey(1, kOrg, "hello")}),
                     NewKey("hello"), AsOrgAdmin()),
              ErrorCode::kConflict,
              "API key, organization ID and name must be unique");
}

// Catalogue case 49.
BOOST_AUTO_TEST_CASE(name_used_by_a_token_in_the_org_is_a_conflict) {
  ExpectError(
      Decide(
          Given({Org(kOrg), Account(2, kOrg, "s"), Token(3, kOrg, 2, "hello")}),
          NewKey("hello"), AsOrgAdmin()),
      ErrorCode::kConflict, "API key, organization ID and name must be unique");
}

BOOST_AUTO_TEST_CASE(same_name_in_another_org_is_allowed) {
  BOOST_TEST(Decide(Given({Org(kOrg), Org(kOtherOrg),
                           LegacyKey(1, kOtherOrg, "hello")}),
                    NewKey("hello"), AsOrgAdmin())
                 .has_value());
}

BOOST_AUTO_TEST_CASE(a_reused_secret_hash_is_a_conflict) {
  CreateApiKey command = NewKey("fresh");
  command.hash = Hash("secret-1");  // LegacyKey(1, ...) uses it
  ExpectError(Decide(Given({Org(kOrg), LegacyKey(1, kOrg, "old")}), command,
                     AsOrgAdmin()),
              ErrorCode::kConflict,
              "a key with the same secret already exists");
}

// Catalogue case 5.
BOOST_AUTO_TEST_CASE(negative_seconds_to_live_is_rejected) {
  ExpectError(Decide(Given({Org(kOrg)}), NewKey("k", "Viewer", {-3600, {}}),
                     AsOrgAdmin()),
              ErrorCode::kInvalidArgument, "negative value for SecondsToLive");
}

// Catalogue case 47.
BOOST_AUTO_TEST_CASE(global_limit_requires_and_bounds_the_ttl) {
  Context context = AsOrgAdmin();
  context.limits.api_key_max_seconds_to_live = 3600;
  ExpectError(
      Decide(Given({Org(kOrg)}), NewKey("k", "Viewer", {0, {}}), context),
      ErrorCode::kInvalidArgument,
      "Number of seconds before expiration should be set");
  ExpectError(
      Decide(Given({Org(kOrg)}), NewKey("k", "Viewer", {3601, {}}), context),
      ErrorCode::kInvalidArgument,
      "Number of seconds before expiration is greater than the global limit");
}

BOOST_AUTO_TEST_CASE(both_ttl_forms_are_rejected) {
  ExpectError(
      Decide(Given({Org(kOrg)}), NewKey("k", "Viewer", {60, "1m"}),
             AsOrgAdmin()),
      ErrorCode::kInvalidArgument,
      "bad request data: secondsToLive and timeToLive cannot both be set");
}

BOOST_AUTO_TEST_CASE(create_after_migrate_all_is_gone) {
  ExpectError(
      Decide(
          Given({Org(kOrg), ApiKeysMigrationCompleted{kOrg, 0, 0, 0, {}, {}}}),
          NewKey("k"), AsOrgAdmin()),
      ErrorCode::kGone,
      "this endpoint has been removed, please use POST /api/serviceaccounts "
      "and POST /api/serviceaccounts/{id}/tokens instead");
}

BOOST_AUTO_TEST_CASE(hiding_api_keys_does_not_stop_creation) {
  BOOST_TEST(
      Decide(Given({Org(kOrg), ApiKeysHidden{kOrg}}), NewKey("k"), AsOrgAdmin())
          .has_value());
}

BOOST_AUTO_TEST_CASE(delete_emits_key_deleted) {
  const Events events =
      ExpectEvents(Decide(Given({Org(kOrg), LegacyKey(1, kOrg, "k")}),
                          DeleteApiKey{kOrg, 1}, AsOrgAdmin()));
  BOOST_TEST((events == Events{ApiKeyDeleted{kOrg, 1}}));
}

// Catalogue cases 7 and 48: unknown id, a token's id, another org's key.
BOOST_AUTO_TEST_CASE(delete_of_unknown_token_or_foreign_key_is_not_found) {
  const State state =
      Given({Org(kOrg), Org(kOtherOrg), Account(2, kOrg, "s"),
             Token(3, kOrg, 2, "t"), LegacyKey(4, kOtherOrg, "k"),
             LegacyKey(5, kOrg, "gone"), ApiKeyDeleted{kOrg, 5}});
  for (int64_t id : {99, 3, 4, 5}) {
    ExpectError(Decide(state, DeleteApiKey{kOrg, id}, AsOrgAdmin()),
                ErrorCode::kNotFound, "API key not found");
  }
}

BOOST_AUTO_TEST_CASE(delete_is_denied_to_an_editor) {
  ExpectError(Decide(Given({Org(kOrg), LegacyKey(1, kOrg, "k")}),
                     DeleteApiKey{kOrg, 1}, AsRole(Role::kEditor)),
              ErrorCode::kPermissionDenied,
              "You'll need additional permissions to perform this action. "
              "Permissions needed: apikeys:write");
}

// Catalogue case 4 and reference §5.7: last use at most every 5 minutes.
BOOST_AUTO_TEST_CASE(first_use_of_a_key_is_recorded) {
  const Events events =
      ExpectEvents(Decide(Given({Org(kOrg), LegacyKey(1, kOrg, "k")}),
                          RecordKeyUse{kOrg, {{1, kNow}}}, AsSystem()));
  BOOST_TEST((events == Events{KeyUsed{kOrg, 1, kNow}}));
}

BOOST_AUTO_TEST_CASE(use_within_five_minutes_of_the_last_is_not_recorded) {
  const State state =
      Given({Org(kOrg), LegacyKey(1, kOrg, "k"), KeyUsed{kOrg, 1, kNow}});
  BOOST_TEST(
      ExpectEvents(Decide(state, RecordKeyUse{kOrg, {{1, kNow + 299}}}, AsSystem()))
          .empty());
  BOOST_TEST(
      ExpectEvents(Decide(state, RecordKeyUse{kOrg, {{1, kNow + 300}}}, AsSystem()))
          .size() == 1u);
}

BOOST_AUTO_TEST_CASE(use_of_an_unknown_key_records_nothing) {
  BOOST_TEST(ExpectEvents(
                 Decide(Given({Org(kOrg)}), RecordKeyUse{kOrg, {{9, kNow}}}, AsSystem()))
                 .empty());
}

// A batch records each key of its org once; other orgs' keys are skipped
// (their uses travel in their own org's command).
BOOST_AUTO_TEST_CASE(a_batch_records_each_key_of_its_org_once) {
  const int64_t other = kOrg + 1;
  const State state = Given({Org(kOrg), Org(other), LegacyKey(1, kOrg, "a"),
                             LegacyKey(2, kOrg, "b"), LegacyKey(3, other, "c"),
                             KeyUsed{kOrg, 2, kNow - 10}});
  const Events events = ExpectEvents(
      Decide(state,
             RecordKeyUse{kOrg, {{1, kNow}, {3, kNow}, {1, kNow + 1}, {2, kNow}}},
             AsSystem()));
  BOOST_TEST((events == Events{KeyUsed{kOrg, 1, kNow}}));
}

BOOST_AUTO_TEST_CASE(only_the_system_or_server_admin_records_use) {
  const State state = Given({Org(kOrg), LegacyKey(1, kOrg, "k")});
  ExpectError(Decide(state, RecordKeyUse{kOrg, {{1, kNow}}}, AsOrgAdmin()),
              ErrorCode::kPermissionDenied,
              "You'll need additional permissions to perform this action. "
              "Permissions needed: apikeys:use");
  BOOST_TEST(Decide(state, RecordKeyUse{kOrg, {{1, kNow}}}, AsServerAdmin()).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
