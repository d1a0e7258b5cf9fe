#ifndef KEYLEDGER_DOMAIN_AUDIT_TARGET_H_
#define KEYLEDGER_DOMAIN_AUDIT_TARGET_H_

#include <cstdint>
#include <string>

#include "domain/events.h"
#include "domain/state.h"

namespace keyledger::domain {

// What an event acted on, for the audit view. `kind` is one of "api-key",
// "token", "service-account", "org", "user".
struct AuditTarget {
  std::string kind;
  int64_t id = 0;
  std::string name;
  bool operator==(const AuditTarget&) const = default;
};

// The target of `event`. `before` is the state the event was applied to; the
// name is looked up there when the event does not carry it (empty when it is
// not found there either). Targets: org events -> "org"; user and org-user
// events -> "user" (name = login); ApiKeyCreated/Deleted/Migrated -> "api-key";
// Token* -> "token"; ServiceAccount* -> "service-account"; migration-completed
// and hidden -> "org"; KeyUsed -> "token" for a token, else "api-key".
AuditTarget TargetOf(const State& before, const Event& event);

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_AUDIT_TARGET_H_
