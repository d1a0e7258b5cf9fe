#include "domain/authorize.h"

#include <string>
#include <type_traits>

namespace keyledger::domain {
namespace {

bool IsAboveOrgs(const Context& context) {
  return context.actor.kind == ActorKind::kSystem ||
         context.actor_is_server_admin;
}

bool IsOrgScoped(Permission permission) {
  switch (permission) {
    case Permission::kOrgsRead:
    case Permission::kOrgsWrite:
    case Permission::kUsersWrite:
    case Permission::kKeyUseRecord:
      return false;
    default:
      return true;
  }
}

}  // namespace

std::string_view PermissionAction(Permission permission) {
  switch (permission) {
    case Permission::kApiKeysRead:
      return "apikeys:read";
    case Permission::kApiKeysWrite:
      return "apikeys:write";
    case Permission::kServiceAccountsRead:
      return "serviceaccounts:read";
    case Permission::kServiceAccountsWrite:
      return "serviceaccounts:write";
    case Permission::kAuditRead:
      return "audit:read";
    case Permission::kOrgsRead:
      return "orgs:read";
    case Permission::kOrgsWrite:
      return "orgs:create";
    case Permission::kOrgUsersRead:
      return "org.users:read";
    case Permission::kOrgUsersWrite:
      return "org.users:write";
    case Permission::kUsersWrite:
      return "users:create";
    case Permission::kKeyUseRecord:
      return "apikeys:use";
  }
  return "unknown";
}

Result<void> Authorize(Permission permission, const Context& context) {
  if (IsAboveOrgs(context)) return {};
  if (IsOrgScoped(permission) && context.actor_role == Role::kAdmin) return {};
  return MakeError(ErrorCode::kPermissionDenied,
                   "You'll need additional permissions to perform this "
                   "action. Permissions needed: " +
                       std::string(PermissionAction(permission)));
}

Permission RequiredPermission(const Command& command) {
  return std::visit(
      [](const auto& c) -> Permission {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, CreateOrg>) {
          return Permission::kOrgsWrite;
        } else if constexpr (std::is_same_v<T, CreateUser>) {
          return Permission::kUsersWrite;
        } else if constexpr (std::is_same_v<T, AddOrgUser> ||
                             std::is_same_v<T, UpdateOrgUser> ||
                             std::is_same_v<T, RemoveOrgUser>) {
          return Permission::kOrgUsersWrite;
        } else if constexpr (std::is_same_v<T, CreateApiKey> ||
                             std::is_same_v<T, DeleteApiKey>) {
          return Permission::kApiKeysWrite;
        } else if constexpr (std::is_same_v<T, RecordKeyUse>) {
          return Permission::kKeyUseRecord;
        } else {
          return Permission::kServiceAccountsWrite;
        }
      },
      command);
}

Role EffectiveRole(const Context& context) {
  return IsAboveOrgs(context) ? Role::kAdmin : context.actor_role;
}

}  // namespace keyledger::domain
