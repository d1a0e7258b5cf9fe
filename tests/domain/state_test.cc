#define BOOST_TEST_MODULE state
#include "domain/state.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "scenario.h"

namespace keyledger::domain {
namespace {

using namespace testing;

// The id of the record `index` holds under (owner, name), 0 if none.
template <typename Index>
int64_t IdOf(const Index& index, int64_t owner, std::string_view name) {
  const auto* record = index.Find(owner, name);
  return record == nullptr ? 0 : record->id;
}

// The ids `index` holds, in its order.
template <typename Index>
std::vector<int64_t> Ids(const Index& index) {
  std::vector<int64_t> ids;
  for (const auto* record : index) ids.push_back(record->id);
  return ids;
}

BOOST_AUTO_TEST_SUITE(state)

BOOST_AUTO_TEST_CASE(counters_move_past_every_allocated_id_and_never_back) {
  const State state =
      Given({Org(3), Org(1), LegacyKey(7, 3, "a"), LegacyKey(2, 3, "b"),
             Account(5, 3, "s"), Token(9, 3, 5, "t"),
             UserCreated{4, "u", "", "", {}, "", false, 0}});
  BOOST_TEST(state.next_org_id == 4);
  BOOST_TEST(state.next_key_id == 10);
  BOOST_TEST(state.next_user_id == 6);
  const State after = Then(state, {ApiKeyDeleted{3, 7}, TokenDeleted{3, 5, 9}});
  BOOST_TEST(after.next_key_id == 10);
}

// Catalogue case 1: found by (org, name) and by hash.
BOOST_AUTO_TEST_CASE(created_key_is_indexed_by_org_name_and_hash) {
  const State state = Given({Org(1), LegacyKey(1, 1, "hello")});
  BOOST_TEST(IdOf(state.key_by_org_name, 1, "hello") == 1);
  BOOST_TEST(FindKeyByHash(state, Hash("secret-1").hex) == std::optional<int64_t>(1));
  BOOST_TEST(!FindKeyByHash(state, Hash("secret-2").hex));
  BOOST_TEST(!state.keys.at(1).last_used.has_value());  // catalogue case 4
}

// The hash index hashes a digest by its first 8 bytes: records whose
// hashes share them must still find their own record, and a record with
// the same hash as another is indexed too; erasing one keeps the others.
BOOST_AUTO_TEST_CASE(hash_index_confirms_the_full_hash) {
  auto key = [](int64_t id, std::string hex) {
    KeyRecord record;
    record.id = id;
    record.hash.hex = CompactHex(hex);
    return record;
  };
  const std::string prefix(63, '0');
  const KeyRecord a = key(1, prefix + "1"), b = key(2, prefix + "2"),
                  twin = key(3, prefix + "2");
  BOOST_REQUIRE(a.hash.hex.digest() != nullptr);
  BOOST_REQUIRE(a.hash.hex.Hash() == b.hash.hex.Hash());
  KeyHashIndex<KeyRecord> index;
  for (const KeyRecord* r : {&a, &b, &twin}) index.Insert(*r);
  BOOST_TEST(index.size() == 3u);
  BOOST_TEST(index.Find(a.hash.hex) == &a);
  BOOST_TEST((index.Find(b.hash.hex)->hash.hex == b.hash.hex));
  BOOST_TEST(index.Find(CompactHex(prefix + "3")) == nullptr);
  index.Erase(b);
  BOOST_TEST(index.Find(b.hash.hex) == &twin);
  index.Erase(a);
  BOOST_TEST(index.Find(a.hash.hex) == nullptr);
  BOOST_TEST(index.Find(twin.hash.hex) == &twin);
}

// The name index orders by owner, then name (byte order); it replaces a
// record filed under the same (owner, name) and erases only its own record.
BOOST_AUTO_TEST_CASE(name_index_orders_replaces_and_erases_its_own_record) {
  auto key = [](int64_t id, int64_t org_id, std::string name) {
    KeyRecord record;
    record.id = id;
    record.org_id = org_id;
    record.name = std::move(name);
    return record;
  };
  const KeyRecord a = key(1, 2, "b"), b = key(2, 2, "a"), c = key(3, 1, "z"),
                  d = key(4, 3, ""), twin = key(5, 2, "b");
  NameIndex<KeyRecord, KeyByOrgName> index;
  for (const KeyRecord* r : {&a, &b, &c, &d}) index.Insert(*r);
  BOOST_TEST((Ids(index) == std::vector<int64_t>{3, 2, 1, 4}));
  std::vector<int64_t> of2;
  for (const KeyRecord* r : index.Of(2)) of2.push_back(r->id);
  BOOST_TEST((of2 == std::vector<int64_t>{2, 1}));
  BOOST_TEST((index.Of(4).begin() == index.Of(4).end()));
  index.Insert(twin);
  BOOST_TEST(IdOf(index, 2, "b") == 5);
  BOOST_TEST(index.size() == 4u);
  index.Erase(a);  // not the record filed under (2, "b") any more
  BOOST_TEST(IdOf(index, 2, "b") == 5);
  index.Erase(twin);
  BOOST_TEST(!index.Contains(2, "b"));
  BOOST_TEST((Ids(index) == std::vector<int64_t>{3, 2, 4}));
}

// Assign indexes what Insert does, on names its sort keys (an owner and a
// name's first 32 bytes) cannot tell apart, where its sort must compare the
// names themselves: equal first 32 bytes, a name and its extension by a zero
// byte, bytes above 0x7f, the empty name. (A sort that misordered them would
// only make Assign slower: the tree checks every hint.)
BOOST_AUTO_TEST_CASE(a_name_index_assigned_at_once_orders_as_one_inserted_by_one) {
  const std::string head(32, 'n');
  const std::string zero(1, '\0');
  const std::vector<std::pair<int64_t, std::string>> keys = {
      {2, head + "b"},
      {2, head + "a"},
      {2, head},
      {2, "ab"},
      {2, "ab" + zero},
      {2, "ab" + zero + zero},
      {2, "\xc3\xa9t\xc3\xa9"},
      {2, "z"},
      {2, ""},
      {1, "z"},
      {3, ""},
      {-1, "m"},
      {2, head + zero},
      {2, std::string(31, 'n') + "m" + head},
      {2, head.substr(0, 16) + "z"}};
  std::unordered_map<int64_t, KeyRecord> records;
  for (size_t i = 0; i < keys.size(); ++i) {
    KeyRecord& record = records[static_cast<int64_t>(i) + 1];
    record.id = static_cast<int64_t>(i) + 1;
    std::tie(record.org_id, record.name) = keys[i];
  }
  NameIndex<KeyRecord, KeyByOrgName> one_by_one, at_once, some;
  for (const auto& [id, record] : records) one_by_one.Insert(record);
  at_once.Assign(records, [](const KeyRecord&) { return true; });
  BOOST_TEST((Ids(at_once) == Ids(one_by_one)));
  BOOST_TEST(at_once.size() == keys.size());
  BOOST_TEST(IdOf(at_once, 2, "ab" + zero) == 5);
  // Assign replaces what was there and keeps only what `keep` admits.
  some.Assign(records, [](const KeyRecord&) { return true; });
  some.Assign(records, [](const KeyRecord& r) { return r.org_id != 2; });
  BOOST_TEST((Ids(some) == std::vector<int64_t>{12, 10, 11}));
}

// A replay that suspends the name indexes ends with the State that Evolve
// keeps event by event, indexes included: keys and accounts created,
// deleted (an account with its tokens), migrated and reverted.
BOOST_AUTO_TEST_CASE(a_replay_with_its_name_indexes_suspended_ends_in_the_same_state) {
  const Events events = {
      Org(1), Org(2), LegacyKey(3, 1, "b"), LegacyKey(4, 1, "a"),
      LegacyKey(5, 2, "a"), Account(6, 1, "s"), Token(7, 1, 6, "t"),
      Account(8, 2, "gone"), Token(9, 2, 8, "u"), ApiKeyDeleted{1, 3},
      ServiceAccountDeleted{2, 8, {9}}, Account(10, 1, "auto"),
      ApiKeyMigrated{1, 4, 10}, TokenReverted{1, 4, 10}, LegacyKey(11, 1, "c")};
  State replayed;
  SuspendNameIndexes(replayed);
  for (const Event& event : events) Evolve(replayed, event);
  IndexKeysByOrgName(replayed);
  IndexServiceAccountsByOrgLogin(replayed);
  const State kept = Given(events);
  BOOST_TEST((replayed == kept));
  BOOST_TEST((Ids(replayed.key_by_org_name) == std::vector<int64_t>{4, 11, 7, 5}));
  BOOST_TEST((Ids(replayed.sa_by_org_login) == Ids(kept.sa_by_org_login)));
  BOOST_TEST(replayed.sa_by_org_login.size() == 2u);
}

// A copy of a State has its own indexes, pointing at its own records.
BOOST_AUTO_TEST_CASE(a_copied_state_indexes_its_own_records) {
  State original = Given({Org(1), Account(2, 1, "s"), Token(3, 1, 2, "t"),
                          LegacyKey(4, 1, "k")});
  const State copy = original;
  original = Then(original, {ApiKeyDeleted{1, 4}, TokenDeleted{1, 2, 3}});
  BOOST_TEST(copy.key_by_org_name.Find(1, "k") == &copy.keys.at(4));
  BOOST_TEST(copy.token_by_sa_name.Find(2, "t") == &copy.keys.at(3));
  BOOST_TEST(copy.sa_by_org_login.Find(1, "sa-1-s") ==
             &copy.service_accounts.at(2));
  BOOST_TEST(original.key_by_org_name.empty());
  BOOST_TEST(!(copy == original));
}

BOOST_AUTO_TEST_CASE(deleted_key_leaves_no_index_entry) {
  const State state =
      Given({Org(1), LegacyKey(1, 1, "hello"), ApiKeyDeleted{1, 1}});
  BOOST_TEST(state.keys.empty());
  BOOST_TEST(state.key_by_org_name.empty());
  BOOST_TEST(state.key_by_hash.empty());
}

BOOST_AUTO_TEST_CASE(token_is_indexed_under_its_account_and_counted) {
  const State state = Given(
      {Org(1), Account(2, 1, "s"), Token(3, 1, 2, "b"), Token(4, 1, 2, "a")});
  BOOST_TEST(IdOf(state.token_by_sa_name, 2, "a") == 4);
  BOOST_TEST(state.service_accounts.at(2).token_count == 2);
  BOOST_TEST(IdOf(state.sa_by_org_login, 1, "sa-1-s") == 2);
  BOOST_TEST(state.user_by_login.at("sa-1-s") == 2);
}

BOOST_AUTO_TEST_CASE(deleting_an_account_removes_it_its_tokens_and_its_login) {
  const State state = Given({Org(1), Account(2, 1, "s"), Token(3, 1, 2, "a"),
                             ServiceAccountDeleted{1, 2, {3}}});
  BOOST_TEST(state.service_accounts.empty());
  BOOST_TEST(state.keys.empty());
  BOOST_TEST(state.key_by_org_name.empty());
  BOOST_TEST(state.key_by_hash.empty());
  BOOST_TEST(state.token_by_sa_name.empty());
  BOOST_TEST(state.user_by_login.empty());
  BOOST_TEST(state.sa_by_org_login.empty());
}

BOOST_AUTO_TEST_CASE(update_replaces_mutable_fields_and_the_updated_time) {
  const State state =
      Given({Org(1), Account(2, 1, "s"),
             ServiceAccountUpdated{1, 2, "t", Role::kAdmin, true, 77}});
  const ServiceAccountRecord& sa = state.service_accounts.at(2);
  BOOST_TEST(sa.name == "t");
  BOOST_TEST((sa.role == Role::kAdmin));
  BOOST_TEST(sa.disabled);
  BOOST_TEST(sa.updated == 77);
  BOOST_TEST(sa.created == kNow - 1000);
}

BOOST_AUTO_TEST_CASE(migration_and_revert_round_trip_to_the_same_key) {
  const State before = Given({Org(1), LegacyKey(3, 1, "k")});
  const State after =
      Then(before, {Account(10, 1, "auto"), ApiKeyMigrated{1, 3, 10},
                    TokenReverted{1, 3, 10}, ServiceAccountDeleted{1, 10, {}}});
  BOOST_TEST((after.keys == before.keys));
  BOOST_TEST((Ids(after.key_by_org_name) == Ids(before.key_by_org_name)));
  BOOST_TEST(after.token_by_sa_name.empty());
  BOOST_TEST(after.service_accounts.empty());
}

BOOST_AUTO_TEST_CASE(org_flags_and_memberships_follow_their_events) {
  const State state =
      Given({Org(1), UserCreated{4, "u", "", "", {}, "", false, 0},
             OrgUserAdded{1, 4, Role::kViewer},
             OrgUserRoleChanged{1, 4, Role::kAdmin}, ApiKeysHidden{1},
             ApiKeysMigrationCompleted{1, 0, 0, 0, {}, {}}});
  BOOST_TEST((state.users.at(4).org_roles.at(1) == Role::kAdmin));
  BOOST_TEST(state.orgs.at(1).api_keys_hidden);
  BOOST_TEST(state.orgs.at(1).api_keys_migrated);
  BOOST_TEST(state.org_by_name.at("Org 1") == 1);
  BOOST_TEST(Then(state, {OrgUserRemoved{1, 4}}).users.at(4).org_roles.empty());
}

BOOST_AUTO_TEST_CASE(key_use_and_revocation_are_recorded_on_the_key) {
  const State state = Given({Org(1), Account(2, 1, "s"), Token(3, 1, 2, "a"),
                             KeyUsed{1, 3, 1234}, TokenRevoked{1, 2, 3}});
  BOOST_TEST((state.keys.at(3).last_used == std::optional<int64_t>(1234)));
  BOOST_TEST(state.keys.at(3).revoked);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
