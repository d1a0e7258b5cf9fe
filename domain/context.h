#ifndef KEYLEDGER_DOMAIN_CONTEXT_H_
#define KEYLEDGER_DOMAIN_CONTEXT_H_

#include <cstdint>

#include "domain/actor.h"
#include "domain/role.h"

namespace keyledger::domain {

// Settings that change decisions ([auth] and [service_accounts]).
struct Limits {
  // [auth] api_key_max_seconds_to_live: -1 = unlimited; otherwise a missing
  // or zero TTL is rejected and a longer one too.
  int64_t api_key_max_seconds_to_live = 2592000;
  // [service_accounts] token_expiration_day_limit: <= 0 = off.
  int64_t token_expiration_day_limit = -1;
};

// Everything a decision needs from outside: the time and who asks.
struct Context {
  int64_t now = 0;  // Unix seconds
  Actor actor;
  // The actor's role in the command's org (kNone when not a member).
  Role actor_role = Role::kNone;
  bool actor_is_server_admin = false;
  Limits limits;
};

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_CONTEXT_H_
