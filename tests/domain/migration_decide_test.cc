#define BOOST_TEST_MODULE migration_decide
#include <boost/test/unit_test.hpp>

#include "scenario.h"

namespace keyledger::domain {
namespace {

using namespace testing;

const ApiKeysMigrationCompleted& Completion(const Events& events) {
  return std::get<ApiKeysMigrationCompleted>(events.back());
}

int64_t AccountsIn(const State& state, int64_t org) {
  int64_t count = 0;
  for (const auto& [id, sa] : state.service_accounts) count += sa.org_id == org;
  return count;
}

BOOST_AUTO_TEST_SUITE(migration_decide)

// Catalogue case 14; reference §4.7 (newest login scheme).
BOOST_AUTO_TEST_CASE(
    migrate_key_creates_an_account_with_the_keys_role_and_moves_the_key) {
  const State state =
      Given({Org(kOrg), UserCreated{9, "u", "", "", {}, "", false, 0},
             LegacyKey(3, kOrg, "Test1", Role::kEditor)});
  const Events events =
      ExpectEvents(Decide(state, MigrateKey{kOrg, 3}, AsOrgAdmin()));
  const Events expected{
      ServiceAccountCreated{kOrg, 10, "sa-autogen-Test1", "sa-autogen-1-test1",
                            Role::kEditor, false, kNow},
      ApiKeyMigrated{kOrg, 3, 10}};
  BOOST_TEST((events == expected));
  const State after = Then(state, events);
  BOOST_TEST(AccountsIn(after, kOrg) == 1);
  BOOST_TEST(after.service_accounts.at(10).token_count == 1);
  BOOST_TEST(
      (after.keys.at(3).service_account_id == std::optional<int64_t>(10)));
}

// Reference appendix A.3: nothing else about the key changes.
BOOST_AUTO_TEST_CASE(migration_keeps_id_name_hash_role_created_and_expiry) {
  const State state =
      Given({Org(kOrg), LegacyKey(3, kOrg, "k", Role::kAdmin, kNow + 60),
             KeyUsed{kOrg, 3, kNow - 5}});
  const State after = Then(
      state, ExpectEvents(Decide(state, MigrateKey{kOrg, 3}, AsOrgAdmin())));
  KeyRecord expected = state.keys.at(3);
  expected.service_account_id = after.keys.at(3).service_account_id;
  BOOST_TEST((after.keys.at(3) == expected));
}

BOOST_AUTO_TEST_CASE(migrate_key_does_not_set_the_migration_status) {
  const State state = Given({Org(kOrg), LegacyKey(3, kOrg, "k")});
  const State after = Then(
      state, ExpectEvents(Decide(state, MigrateKey{kOrg, 3}, AsOrgAdmin())));
  BOOST_TEST(!after.orgs.at(kOrg).api_keys_migrated);
}

// Catalogue case 50, decided otherwise by SPEC §5/§8: 404.
BOOST_AUTO_TEST_CASE(
    migrate_key_of_unknown_migrated_deleted_or_foreign_key_is_not_found) {
  const State state =
      Given({Org(kOrg), Org(kOtherOrg), LegacyKey(1, kOrg, "live"),
             LegacyKey(2, kOtherOrg, "foreign"), LegacyKey(3, kOrg, "gone"),
             ApiKeyDeleted{kOrg, 3}, LegacyKey(4, kOrg, "moved"),
             Account(5, kOrg, "s"), ApiKeyMigrated{kOrg, 4, 5},
             Token(6, kOrg, 5, "tok")});
  for (int64_t id : {99, 2, 3, 4, 6}) {
    ExpectError(Decide(state, MigrateKey{kOrg, id}, AsOrgAdmin()),
                ErrorCode::kNotFound, "API key not found");
  }
}

// Reference §4.7, Grafana PR #97100.
BOOST_AUTO_TEST_CASE(
    login_collision_retries_with_numbered_suffix_in_login_only) {
  const State state = Given(
      {Org(kOrg), UserCreated{9, "sa-autogen-1-k", "", "", {}, "", false, 0},
       UserCreated{10, "sa-autogen-1-k-001", "", "", {}, "", false, 0},
       LegacyKey(3, kOrg, "K")});
  const Events events =
      ExpectEvents(Decide(state, MigrateKey{kOrg, 3}, AsOrgAdmin()));
  const auto& created = std::get<ServiceAccountCreated>(events[0]);
  BOOST_TEST(created.login == "sa-autogen-1-k-002");
  BOOST_TEST(created.name == "sa-autogen-K");
}

BOOST_AUTO_TEST_CASE(login_collision_after_ten_retries_fails) {
  Events given{Org(kOrg), LegacyKey(3, kOrg, "k")};
  given.push_back(UserCreated{20, "sa-autogen-1-k", "", "", {}, "", false, 0});
  for (int i = 1; i <= 10; ++i) {
    char login[32];
    std::snprintf(login, sizeof(login), "sa-autogen-1-k-%03d", i);
    given.push_back(UserCreated{20 + i, login, "", "", {}, "", false, 0});
  }
  ExpectError(
      Decide(Given(given), MigrateKey{kOrg, 3}, AsOrgAdmin()),
      ErrorCode::kConflict,
      "failed to create service account: service account already exists");
}

BOOST_AUTO_TEST_CASE(migrate_is_denied_to_an_editor) {
  ExpectError(Decide(Given({Org(kOrg), LegacyKey(3, kOrg, "k")}),
                     MigrateKey{kOrg, 3}, AsRole(Role::kEditor)),
              ErrorCode::kPermissionDenied,
              "You'll need additional permissions to perform this action. "
              "Permissions needed: serviceaccounts:write");
}

// Catalogue case 15.
BOOST_AUTO_TEST_CASE(
    migrate_all_migrates_only_the_orgs_legacy_keys_in_name_order) {
  const State state =
      Given({Org(kOrg), Org(kOtherOrg), LegacyKey(1, kOrg, "test2"),
             LegacyKey(2, kOrg, "test1", Role::kEditor),
             LegacyKey(3, kOtherOrg, "test3")});
  const Events events =
      ExpectEvents(Decide(state, MigrateAll{kOrg}, AsOrgAdmin()));
  BOOST_REQUIRE(events.size() == 5u);
  BOOST_TEST((std::get<ApiKeyMigrated>(events[1]).key_id == 2));
  BOOST_TEST((std::get<ApiKeyMigrated>(events[3]).key_id == 1));
  BOOST_TEST(
      (Completion(events) == ApiKeysMigrationCompleted{kOrg, 2, 2, 0, {}, {}}));
  const State after = Then(state, events);
  BOOST_TEST(AccountsIn(after, kOrg) == 2);
  BOOST_TEST((after.service_accounts.at(1).role == Role::kEditor));
  BOOST_TEST(after.orgs.at(kOrg).api_keys_migrated);
  BOOST_TEST(!after.orgs.at(kOtherOrg).api_keys_migrated);
  BOOST_TEST(!after.keys.at(3).service_account_id.has_value());
}

// Catalogue case 16.
BOOST_AUTO_TEST_CASE(migrate_all_with_no_keys_in_the_org_still_completes) {
  const State state =
      Given({Org(kOrg), Org(kOtherOrg), LegacyKey(3, kOtherOrg, "x")});
  const Events events =
      ExpectEvents(Decide(state, MigrateAll{kOrg}, AsOrgAdmin()));
  BOOST_TEST(
      (events == Events{ApiKeysMigrationCompleted{kOrg, 0, 0, 0, {}, {}}}));
}

// Catalogue case 17.
BOOST_AUTO_TEST_CASE(migrate_all_migrates_expired_keys_too) {
  const State state =
      Given({Org(kOrg), LegacyKey(1, kOrg, "a", Role::kViewer, kNow - 100),
             LegacyKey(2, kOrg, "b")});
  const Events events =
      ExpectEvents(Decide(state, MigrateAll{kOrg}, AsOrgAdmin()));
  BOOST_TEST(Completion(events).migrated == 2);
  BOOST_TEST(AccountsIn(Then(state, events), kOrg) == 2);
}

BOOST_AUTO_TEST_CASE(
    migrate_all_allocates_distinct_ids_and_logins_across_keys) {
  // "a b" and "a-b" both map to login sa-autogen-1-a-b.
  const State state =
      Given({Org(kOrg), LegacyKey(1, kOrg, "a b"), LegacyKey(2, kOrg, "a-b")});
  const Events events =
      ExpectEvents(Decide(state, MigrateAll{kOrg}, AsOrgAdmin()));
  const auto& first = std::get<ServiceAccountCreated>(events[0]);
  const auto& second = std::get<ServiceAccountCreated>(events[2]);
  BOOST_TEST(first.login == "sa-autogen-1-a-b");
  BOOST_TEST(second.login == "sa-autogen-1-a-b-001");
  BOOST_TEST(first.service_account_id + 1 == second.service_account_id);
  const State after = Then(state, events);
  BOOST_TEST(after.next_user_id == second.service_account_id + 1);
}

BOOST_AUTO_TEST_CASE(migrate_all_collects_per_key_failures_and_continues) {
  Events given{Org(kOrg), LegacyKey(1, kOrg, "bad"),
               LegacyKey(2, kOrg, "good")};
  given.push_back(
      UserCreated{20, "sa-autogen-1-bad", "", "", {}, "", false, 0});
  for (int i = 1; i <= 10; ++i) {
    char login[32];
    std::snprintf(login, sizeof(login), "sa-autogen-1-bad-%03d", i);
    given.push_back(UserCreated{20 + i, login, "", "", {}, "", false, 0});
  }
  const Events events =
      ExpectEvents(Decide(Given(given), MigrateAll{kOrg}, AsOrgAdmin()));
  const ApiKeysMigrationCompleted expected{
      kOrg,
      2,
      1,
      1,
      {1},
      {"API key name: bad - Error: failed to create service account: service "
       "account already exists"}};
  BOOST_TEST((Completion(events) == expected));
  BOOST_TEST(events.size() == 3u);
  BOOST_TEST(Then(Given(given), events).orgs.at(kOrg).api_keys_migrated);
}

BOOST_AUTO_TEST_CASE(migrate_all_of_a_missing_org_is_not_found) {
  ExpectError(Decide(State{}, MigrateAll{5}, AsServerAdmin()),
              ErrorCode::kNotFound, "Organization not found");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
