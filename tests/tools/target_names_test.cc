#define BOOST_TEST_MODULE target_names_test
#include <boost/test/unit_test.hpp>

#include <random>
#include <string>
#include <vector>

#include "domain/audit_target.h"
#include "domain/state.h"
#include "tools/id_map.h"
#include "tools/target_names.h"

namespace d = keyledger::domain;
using keyledger::tools::IdMap;
using keyledger::tools::TargetNames;

namespace {

// Applies `events` to a State and to TargetNames and checks that every
// event's target is the same as domain::TargetOf finds it.
void CheckSameTargets(const std::vector<d::Event>& events, size_t dense_ids) {
  d::State state;
  TargetNames names(dense_ids);
  for (size_t i = 0; i < events.size(); ++i) {
    const d::AuditTarget expected = d::TargetOf(state, events[i]);
    const d::AuditTarget actual = names.TargetOf(events[i]);
    BOOST_TEST_REQUIRE((actual == expected),
                       "event " << i << " (" << d::EventName(events[i]) << "): "
                                << actual.kind << ":" << actual.id << " " << actual.name
                                << " != " << expected.kind << ":" << expected.id
                                << " " << expected.name);
    d::Evolve(state, events[i]);
    names.Apply(events[i]);
  }
}

// One event of every kind, in a random order, on a few ids, so that keys
// are used, migrated, reverted and deleted with and without their
// accounts, names repeat within an account, and ids are reused.
std::vector<d::Event> RandomEvents(uint32_t seed, size_t count) {
  std::mt19937 rng(seed);
  auto id = [&] { return static_cast<int64_t>(rng() % 12); };
  auto name = [&] { return "n" + std::to_string(rng() % 4); };
  std::vector<d::Event> events;
  for (size_t i = 0; i < count; ++i) {
    switch (rng() % 18) {
      case 0: events.push_back(d::OrgCreated{id(), name(), 1}); break;
      case 1: events.push_back(d::UserCreated{id(), name(), "e", "u", {}, "", false, 1}); break;
      case 2: events.push_back(d::OrgUserAdded{id(), id(), d::Role::kEditor}); break;
      case 3: events.push_back(d::OrgUserRoleChanged{id(), id(), d::Role::kAdmin}); break;
      case 4: events.push_back(d::OrgUserRemoved{id(), id()}); break;
      case 5: events.push_back(d::ApiKeyCreated{id(), id(), name(), d::Role::kViewer, {}, 1, {}}); break;
      case 6: events.push_back(d::ApiKeyDeleted{id(), id()}); break;
      case 7:
        events.push_back(d::ServiceAccountCreated{id(), id(), name(), name(), d::Role::kViewer, false, 1});
        break;
      case 8: events.push_back(d::ServiceAccountUpdated{id(), id(), name(), d::Role::kAdmin, true, 2}); break;
      case 9: events.push_back(d::ServiceAccountDeleted{id(), id(), {id(), id()}}); break;
      case 10: events.push_back(d::ServiceAccountDeleted{id(), id(), {}}); break;
      case 11:
        events.push_back(d::TokenCreated{id(), id(), id(), name(), d::Role::kViewer, {}, 1, {}});
        break;
      case 12: events.push_back(d::TokenDeleted{id(), id(), id()}); break;
      case 13: events.push_back(d::TokenRevoked{id(), id(), id()}); break;
      case 14: events.push_back(d::ApiKeyMigrated{id(), id(), id()}); break;
      case 15: events.push_back(d::ApiKeysMigrationCompleted{id(), 1, 1, 0, {}, {}}); break;
      case 16: events.push_back(d::TokenReverted{id(), id(), id()}); break;
      default: events.push_back(d::KeyUsed{id(), id(), 5}); break;
    }
    if (rng() % 40 == 0) events.push_back(d::ApiKeysHidden{id()});
  }
  return events;
}

}  // namespace

BOOST_AUTO_TEST_CASE(targets_follow_a_typical_history) {
  const std::vector<d::Event> events = {
      d::OrgCreated{1, "Main Org.", 1},
      d::UserCreated{2, "bob", "bob@example.com", "Bob", {}, "", false, 1},
      d::OrgUserAdded{1, 2, d::Role::kEditor},
      d::OrgUserRemoved{1, 2},
      d::ApiKeyCreated{1, 1, "alpha", d::Role::kAdmin, {}, 1, {}},
      d::KeyUsed{1, 1, 2},
      d::ServiceAccountCreated{1, 3, "robot", "sa-robot", d::Role::kViewer, false, 1},
      d::ApiKeyMigrated{1, 1, 3},
      d::KeyUsed{1, 1, 3},
      d::TokenReverted{1, 1, 3},
      d::KeyUsed{1, 1, 4},
      d::ServiceAccountDeleted{1, 3, {}},
      d::ServiceAccountCreated{1, 4, "robot-2", "sa-robot-2", d::Role::kViewer, false, 1},
      d::TokenCreated{1, 4, 2, "t-1", d::Role::kViewer, {}, 1, {}},
      d::TokenCreated{1, 4, 3, "t-2", d::Role::kViewer, {}, 1, {}},
      d::TokenRevoked{1, 4, 2},
      d::ServiceAccountUpdated{1, 4, "robot-3", d::Role::kEditor, true, 2},
      d::ServiceAccountDeleted{1, 4, {2}},  // t-2 goes too, from the index
      d::KeyUsed{1, 3, 5},
      d::TokenDeleted{1, 4, 3},
      d::ApiKeyDeleted{1, 1},
      d::ApiKeyDeleted{1, 1},
      d::ApiKeysMigrationCompleted{1, 0, 0, 0, {}, {}},
      d::ApiKeysHidden{1},
      d::ApiKeysHidden{9},
  };
  CheckSameTargets(events, 100);
  CheckSameTargets(events, 0);  // every id in the hash maps
}

BOOST_AUTO_TEST_CASE(targets_follow_random_histories) {
  for (uint32_t seed = 1; seed <= 200; ++seed) {
    BOOST_TEST_CONTEXT("seed " << seed) {
      // Dense bounds below, inside and above the ids used.
      CheckSameTargets(RandomEvents(seed, 400), seed % 3 == 0 ? 0 : seed % 3 == 1 ? 6 : 64);
    }
  }
}

BOOST_AUTO_TEST_CASE(id_map_keeps_dense_and_sparse_ids_apart) {
  IdMap<std::string> map(4);
  map[2] = "two";
  map[1000] = "thousand";
  map[-1] = "negative";
  BOOST_TEST(*map.Find(2) == "two");
  BOOST_TEST(*map.Find(1000) == "thousand");
  BOOST_TEST(*map.Find(-1) == "negative");
  BOOST_TEST(map.Find(3) == nullptr);
  BOOST_TEST(map.Find(4) == nullptr);
  map.Erase(2);
  map.Erase(1000);
  BOOST_TEST(map.Find(2) == nullptr);
  BOOST_TEST(map.Find(1000) == nullptr);
  BOOST_TEST(map[2].empty());
}
