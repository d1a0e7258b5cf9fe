#define BOOST_TEST_MODULE events
#include "domain/events.h"

#include <boost/test/unit_test.hpp>

#include "domain/actor.h"
#include "domain/audit_target.h"
#include "scenario.h"

namespace keyledger::domain {
namespace {

using namespace testing;

BOOST_AUTO_TEST_SUITE(events)

BOOST_AUTO_TEST_CASE(every_event_has_its_own_name_and_versioned_type) {
  const Event all[] = {OrgCreated{},
                       UserCreated{},
                       OrgUserAdded{},
                       OrgUserRoleChanged{},
                       OrgUserRemoved{},
                       ApiKeyCreated{},
                       ApiKeyDeleted{},
                       ServiceAccountCreated{},
                       ServiceAccountUpdated{},
                       ServiceAccountDeleted{},
                       TokenCreated{},
                       TokenDeleted{},
                       TokenRevoked{},
                       ApiKeyMigrated{},
                       ApiKeysMigrationCompleted{},
                       ApiKeysHidden{},
                       TokenReverted{},
                       KeyUsed{}};
  const char* names[] = {"OrgCreated",
                         "UserCreated",
                         "OrgUserAdded",
                         "OrgUserRoleChanged",
                         "OrgUserRemoved",
                         "ApiKeyCreated",
                         "ApiKeyDeleted",
                         "ServiceAccountCreated",
                         "ServiceAccountUpdated",
                         "ServiceAccountDeleted",
                         "TokenCreated",
                         "TokenDeleted",
                         "TokenRevoked",
                         "ApiKeyMigrated",
                         "ApiKeysMigrationCompleted",
                         "ApiKeysHidden",
                         "TokenReverted",
                         "KeyUsed"};
  static_assert(std::size(all) == std::variant_size_v<Event>);
  for (size_t i = 0; i < std::size(all); ++i) {
    BOOST_TEST(EventName(all[i]) == names[i]);
    BOOST_TEST(EventTypeName(all[i]) ==
               std::string("keyledger.v1.") + names[i]);
  }
}

BOOST_AUTO_TEST_CASE(identity_events_go_to_the_identity_stream) {
  BOOST_TEST(StreamOf(OrgCreated{5, "x", 0}) == "identity");
  BOOST_TEST(StreamOf(UserCreated{}) == "identity");
  BOOST_TEST(StreamOf(OrgUserAdded{5, 1, Role::kViewer}) == "identity");
  BOOST_TEST(StreamOf(OrgUserRemoved{5, 1}) == "identity");
}

BOOST_AUTO_TEST_CASE(key_events_go_to_their_orgs_stream) {
  BOOST_TEST(StreamOf(ApiKeyDeleted{7, 1}) == "org-7");
  BOOST_TEST(StreamOf(KeyUsed{12, 1, 0}) == "org-12");
  BOOST_TEST(StreamOf(ApiKeysHidden{3}) == "org-3");
}

BOOST_AUTO_TEST_CASE(org_of_is_zero_only_for_org_and_user_creation) {
  BOOST_TEST(OrgOf(OrgCreated{5, "x", 0}) == 0);
  BOOST_TEST(OrgOf(UserCreated{}) == 0);
  BOOST_TEST(OrgOf(OrgUserRoleChanged{5, 1, Role::kAdmin}) == 5);
  BOOST_TEST(OrgOf(TokenReverted{6, 1, 2}) == 6);
}

BOOST_AUTO_TEST_CASE(actor_kinds_have_stable_names) {
  BOOST_TEST(ActorKindName(ActorKind::kSystem) == "system");
  BOOST_TEST(ActorKindName(ActorKind::kServerAdmin) == "server-admin");
  BOOST_TEST(ActorKindName(ActorKind::kUser) == "user");
  BOOST_TEST(ActorKindName(ActorKind::kApiKey) == "api-key");
  BOOST_TEST(ActorKindName(ActorKind::kServiceAccount) == "service-account");
}

BOOST_AUTO_TEST_CASE(
    audit_target_takes_names_from_the_event_or_the_prior_state) {
  const State before = Given(
      {Org(1, "Main"), UserCreated{4, "alice", "", "", {}, "", false, 0},
       LegacyKey(3, 1, "legacy"), Account(5, 1, "bot"), Token(6, 1, 5, "tok")});
  BOOST_TEST(
      (TargetOf(before, ApiKeyCreated{1, 9, "new", Role::kViewer, {}, 0, {}}) ==
       AuditTarget{"api-key", 9, "new"}));
  BOOST_TEST((TargetOf(before, ApiKeyDeleted{1, 3}) ==
              AuditTarget{"api-key", 3, "legacy"}));
  BOOST_TEST((TargetOf(before, ApiKeyMigrated{1, 3, 5}) ==
              AuditTarget{"api-key", 3, "legacy"}));
  BOOST_TEST((TargetOf(before, TokenRevoked{1, 5, 6}) ==
              AuditTarget{"token", 6, "tok"}));
  BOOST_TEST((TargetOf(before, ServiceAccountDeleted{1, 5, {6}}) ==
              AuditTarget{"service-account", 5, "bot"}));
  BOOST_TEST((TargetOf(before, OrgUserAdded{1, 4, Role::kViewer}) ==
              AuditTarget{"user", 4, "alice"}));
  BOOST_TEST(
      (TargetOf(before, ApiKeysHidden{1}) == AuditTarget{"org", 1, "Main"}));
  BOOST_TEST((TargetOf(before, OrgCreated{2, "Second", 0}) ==
              AuditTarget{"org", 2, "Second"}));
}

BOOST_AUTO_TEST_CASE(audit_target_of_key_use_says_whether_it_was_a_token) {
  const State before = Given({Org(1), LegacyKey(3, 1, "legacy"),
                              Account(5, 1, "bot"), Token(6, 1, 5, "tok")});
  BOOST_TEST((TargetOf(before, KeyUsed{1, 3, 0}) ==
              AuditTarget{"api-key", 3, "legacy"}));
  BOOST_TEST(
      (TargetOf(before, KeyUsed{1, 6, 0}) == AuditTarget{"token", 6, "tok"}));
  BOOST_TEST(
      (TargetOf(before, KeyUsed{1, 99, 0}) == AuditTarget{"api-key", 99, ""}));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
