#ifndef KEYLEDGER_DOMAIN_AUTHORIZE_H_
#define KEYLEDGER_DOMAIN_AUTHORIZE_H_

// Who may do what (Grafana's default grants, SPEC §5):
// - the system actor (bootstrap, background work) and the server admin may
//   do everything, in every org;
// - an org Admin (Context::actor_role == kAdmin) holds every org-scoped
//   permission of that org;
// - everyone else (Editor, Viewer, None) holds none;
// - kOrgsRead, kOrgsWrite, kUsersWrite and kKeyUseRecord are never granted
//   by an org role.
// An api-key or service-account actor is judged by the role the caller put
// into the context (its role in its own org), never as server admin.

#include <string_view>

#include "domain/commands.h"
#include "domain/context.h"
#include "domain/error.h"

namespace keyledger::domain {

enum class Permission {
  kApiKeysRead,
  kApiKeysWrite,
  kServiceAccountsRead,
  kServiceAccountsWrite,
  kAuditRead,
  kOrgsRead,
  kOrgsWrite,
  kOrgUsersRead,
  kOrgUsersWrite,
  kUsersWrite,
  kKeyUseRecord,  // record a KeyUsed (system / server admin only)
};

// The action name shown in the 403 message, e.g. "apikeys:write".
std::string_view PermissionAction(Permission permission);

// Ok, or kPermissionDenied "You'll need additional permissions to perform
// this action. Permissions needed: <action>".
[[nodiscard]] Result<void> Authorize(Permission permission,
                                     const Context& context);

// The permission Decide checks before anything else for `command`.
Permission RequiredPermission(const Command& command);

// The role the actor holds for role-assignment checks: Admin for the system
// actor and the server admin, else context.actor_role.
Role EffectiveRole(const Context& context);

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_AUTHORIZE_H_
