#ifndef KEYLEDGER_DOMAIN_ACTOR_H_
#define KEYLEDGER_DOMAIN_ACTOR_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace keyledger::domain {

enum class ActorKind { kSystem, kServerAdmin, kUser, kApiKey, kServiceAccount };
// The last kind above, for code that lists every kind; keep it in step.
inline constexpr ActorKind kLastActorKind = ActorKind::kServiceAccount;

std::string_view ActorKindName(ActorKind kind);  // "system", "server-admin", ...

// Who issued a command. `id` is a user, key or service-account id (0 for system).
struct Actor {
  ActorKind kind = ActorKind::kSystem;
  int64_t id = 0;
  std::string login;
  bool operator==(const Actor&) const = default;
};

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_ACTOR_H_
