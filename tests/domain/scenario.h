#ifndef KEYLEDGER_TESTS_DOMAIN_SCENARIO_H_
#define KEYLEDGER_TESTS_DOMAIN_SCENARIO_H_

// Given/When/Then vocabulary for domain tests: build a State from events,
// decide a command as some actor, and compare events or errors.

#include <boost/test/unit_test.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/decide.h"
#include "domain/secret_hash.h"
#include "domain/state.h"

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<int64_t>)

namespace keyledger::domain::testing {

using Events = std::vector<Event>;

inline constexpr int64_t kNow = 1700000000;  // 2023-11-14T22:13:20Z
inline constexpr int64_t kOrg = 1;
inline constexpr int64_t kOtherOrg = 2;

inline State Given(const Events& events) {
  State state;
  for (const Event& event : events) Evolve(state, event);
  return state;
}

// State after `events` on top of `state`.
inline State Then(State state, const Events& events) {
  for (const Event& event : events) Evolve(state, event);
  return state;
}

// An org member with `role`, no TTL limit unless the test sets one.
inline Context AsRole(Role role, int64_t now = kNow) {
  Context context;
  context.now = now;
  context.actor = Actor{ActorKind::kUser, 100, "someone"};
  context.actor_role = role;
  context.limits.api_key_max_seconds_to_live = -1;
  return context;
}
inline Context AsOrgAdmin(int64_t now = kNow) {
  return AsRole(Role::kAdmin, now);
}
inline Context AsServerAdmin(int64_t now = kNow) {
  Context context = AsRole(Role::kNone, now);
  context.actor = Actor{ActorKind::kServerAdmin, 1, "admin"};
  context.actor_is_server_admin = true;
  return context;
}
inline Context AsSystem(int64_t now = kNow) {
  Context context = AsRole(Role::kNone, now);
  context.actor = Actor{ActorKind::kSystem, 0, ""};
  return context;
}

inline HashedSecret Hash(std::string_view secret) {
  return HashNewSecret(secret);
}

// ---- event factories (the "Given" side) ----
inline Event Org(int64_t id, std::string name = "") {
  return OrgCreated{id, name.empty() ? "Org " + std::to_string(id) : name, 0};
}
inline Event LegacyKey(int64_t id, int64_t org, std::string name,
                       Role role = Role::kViewer,
                       std::optional<int64_t> expires = std::nullopt) {
  return ApiKeyCreated{
      org,         id,     name, role, Hash("secret-" + std::to_string(id)),
      kNow - 1000, expires};
}
inline Event Account(int64_t id, int64_t org, std::string name,
                     Role role = Role::kViewer, bool disabled = false) {
  return ServiceAccountCreated{
      org,  id,       name,       "sa-" + std::to_string(org) + "-" + name,
      role, disabled, kNow - 1000};
}
inline Event Token(int64_t id, int64_t org, int64_t sa, std::string name,
                   std::optional<int64_t> expires = std::nullopt) {
  return TokenCreated{org,
                      sa,
                      id,
                      name,
                      Role::kViewer,
                      Hash("secret-" + std::to_string(id)),
                      kNow - 1000,
                      expires};
}

// ---- the "Then" side ----
inline Events ExpectEvents(const Result<Events>& result) {
  if (!result) {
    BOOST_FAIL("expected events, got error: " + result.error().message);
  }
  return *result;
}

inline void ExpectError(const Result<Events>& result, ErrorCode code,
                        std::string_view message) {
  BOOST_REQUIRE_MESSAGE(!result, "expected an error: " << message);
  BOOST_TEST(static_cast<int>(result.error().code) == static_cast<int>(code));
  BOOST_TEST(result.error().message == message);
}

}  // namespace keyledger::domain::testing

#endif  // KEYLEDGER_TESTS_DOMAIN_SCENARIO_H_
