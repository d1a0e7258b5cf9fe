#define BOOST_TEST_MODULE token_decide
#include <boost/test/unit_test.hpp>

#include "scenario.h"

namespace keyledger::domain {
namespace {

using namespace testing;

CreateToken NewToken(int64_t sa, std::string name, TtlInput ttl = {}) {
  return CreateToken{kOrg, sa, name, std::move(ttl), Hash("tok-" + name)};
}

State WithAccount() {
  return Given({Org(kOrg), Account(2, kOrg, "s"), LegacyKey(6, kOrg, "k")});
}

BOOST_AUTO_TEST_SUITE(token_decide)

// Catalogue case 22: role Viewer, no expiry for 0, hash as given.
BOOST_AUTO_TEST_CASE(create_emits_viewer_token_with_next_key_id) {
  const Events events =
      ExpectEvents(Decide(WithAccount(), NewToken(2, "t"), AsOrgAdmin()));
  const Events expected{TokenCreated{kOrg, 2, 7, "t", Role::kViewer,
                                     Hash("tok-t"), kNow, std::nullopt}};
  BOOST_TEST((events == expected));
  const State after = Then(WithAccount(), events);
  BOOST_TEST(after.service_accounts.at(2).token_count == 1);
  BOOST_TEST(!after.keys.at(7).revoked);
}

BOOST_AUTO_TEST_CASE(create_with_ttl_sets_expiry) {
  const Events events = ExpectEvents(
      Decide(WithAccount(), NewToken(2, "t", {10, {}}), AsOrgAdmin()));
  BOOST_TEST((std::get<TokenCreated>(events[0]).expires == kNow + 10));
}

BOOST_AUTO_TEST_CASE(create_with_negative_ttl_is_invalid) {
  ExpectError(Decide(WithAccount(), NewToken(2, "t", {-10, {}}), AsOrgAdmin()),
              ErrorCode::kInvalidArgument, "invalid SecondsToLive value");
}

// Catalogue cases 23 and 28 (SA not found).
BOOST_AUTO_TEST_CASE(create_for_unknown_or_foreign_account_is_not_found) {
  const State state =
      Given({Org(kOrg), Org(kOtherOrg), Account(3, kOtherOrg, "x")});
  for (int64_t sa : {3, 99}) {
    ExpectError(Decide(state, NewToken(sa, "t"), AsOrgAdmin()),
                ErrorCode::kNotFound, "service account not found");
  }
}

// Catalogue case 28 (max TTL configured, none given).
BOOST_AUTO_TEST_CASE(create_without_ttl_under_a_global_limit_is_invalid) {
  Context context = AsOrgAdmin();
  context.limits.api_key_max_seconds_to_live = 36000;
  ExpectError(Decide(WithAccount(), NewToken(2, "test"), context),
              ErrorCode::kInvalidArgument,
              "Number of seconds before expiration should be set");
}

// SPEC §8: with a day limit a token must expire within it.
BOOST_AUTO_TEST_CASE(create_under_a_day_limit_requires_an_expiry_within_it) {
  Context context = AsOrgAdmin();
  context.limits.token_expiration_day_limit = 4;
  const std::string kMessage =
      "The expiration date input exceeds the limit for service account access "
      "tokens expiration date";
  ExpectError(Decide(WithAccount(), NewToken(2, "t"), context),
              ErrorCode::kInvalidArgument, kMessage);
  ExpectError(Decide(WithAccount(), NewToken(2, "t", {{}, "1w"}), context),
              ErrorCode::kInvalidArgument, kMessage);
  BOOST_TEST(
      Decide(WithAccount(), NewToken(2, "t", {{}, "3d"}), context).has_value());
}

BOOST_AUTO_TEST_CASE(create_requires_a_name) {
  ExpectError(Decide(WithAccount(), NewToken(2, ""), AsOrgAdmin()),
              ErrorCode::kInvalidArgument,
              "Bad request data: name is required");
}

BOOST_AUTO_TEST_CASE(name_used_by_a_key_or_token_in_the_org_is_a_conflict) {
  const State state = Then(WithAccount(), {Token(8, kOrg, 2, "t")});
  for (const char* name : {"k", "t"}) {
    ExpectError(Decide(state, NewToken(2, name), AsOrgAdmin()),
                ErrorCode::kConflict,
                "service account token with given name already exists in the "
                "organization");
  }
}

// Catalogue cases 27-29 (permission); only Admins write tokens.
BOOST_AUTO_TEST_CASE(create_is_denied_to_an_editor) {
  ExpectError(Decide(WithAccount(), NewToken(2, "t"), AsRole(Role::kEditor)),
              ErrorCode::kPermissionDenied,
              "You'll need additional permissions to perform this action. "
              "Permissions needed: serviceaccounts:write");
}

// Catalogue case 25 (correct ids).
BOOST_AUTO_TEST_CASE(delete_emits_token_deleted_and_drops_the_count) {
  const State state = Then(WithAccount(), {Token(8, kOrg, 2, "t")});
  const Events events =
      ExpectEvents(Decide(state, DeleteToken{kOrg, 2, 8}, AsOrgAdmin()));
  BOOST_TEST((events == Events{TokenDeleted{kOrg, 2, 8}}));
  const State after = Then(state, events);
  BOOST_TEST(!after.keys.contains(8));
  BOOST_TEST(after.service_accounts.at(2).token_count == 0);
}

// Catalogue case 25 (wrong SA, wrong org) and 29 (SA not found).
BOOST_AUTO_TEST_CASE(delete_with_wrong_account_or_org_is_not_found) {
  const State state = Given({Org(kOrg), Org(kOtherOrg), Account(2, kOrg, "s"),
                             Account(3, kOrg, "u"), Token(8, kOrg, 2, "t"),
                             LegacyKey(9, kOrg, "legacy")});
  ExpectError(Decide(state, DeleteToken{kOrg, 3, 8}, AsOrgAdmin()),
              ErrorCode::kNotFound, "service account token not found");
  ExpectError(Decide(state, DeleteToken{kOrg, 2, 9}, AsOrgAdmin()),
              ErrorCode::kNotFound, "service account token not found");
  ExpectError(Decide(state, DeleteToken{kOtherOrg, 2, 8}, AsOrgAdmin()),
              ErrorCode::kNotFound, "service account not found");
  ExpectError(Decide(state, DeleteToken{kOrg, 77, 8}, AsOrgAdmin()),
              ErrorCode::kNotFound, "service account not found");
}

// Catalogue case 24.
BOOST_AUTO_TEST_CASE(revoke_marks_the_token_revoked_and_keeps_it) {
  const State state = Then(WithAccount(), {Token(8, kOrg, 2, "t")});
  const Events events =
      ExpectEvents(Decide(state, RevokeToken{kOrg, 2, 8}, AsOrgAdmin()));
  BOOST_TEST((events == Events{TokenRevoked{kOrg, 2, 8}}));
  const State after = Then(state, events);
  BOOST_TEST(after.keys.at(8).revoked);
  BOOST_TEST(after.service_accounts.at(2).token_count == 1);
}

BOOST_AUTO_TEST_CASE(revoking_a_revoked_token_emits_nothing) {
  const State state =
      Then(WithAccount(), {Token(8, kOrg, 2, "t"), TokenRevoked{kOrg, 2, 8}});
  BOOST_TEST(ExpectEvents(Decide(state, RevokeToken{kOrg, 2, 8}, AsOrgAdmin()))
                 .empty());
}

BOOST_AUTO_TEST_CASE(revoke_of_a_legacy_key_is_not_found) {
  ExpectError(Decide(WithAccount(), RevokeToken{kOrg, 2, 6}, AsOrgAdmin()),
              ErrorCode::kNotFound, "service account token not found");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
