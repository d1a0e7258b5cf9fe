#ifndef KEYLEDGER_DOMAIN_AUDIT_TARGET_H_
#define KEYLEDGER_DOMAIN_AUDIT_TARGET_H_

#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>

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

// The target of `event`, with what the event does not carry read from
// `names`: the records as they were before the event. Targets: org events ->
// "org"; user and org-user events -> "user" (name = login);
// ApiKeyCreated/Deleted/Migrated -> "api-key"; Token* -> "token";
// ServiceAccount* -> "service-account"; migration-completed and hidden ->
// "org"; KeyUsed -> "token" for a token, else "api-key".
//
// `Names` answers, by id, with "" for a record that is gone (or never was):
//   std::string OrgName(int64_t), UserLogin(int64_t), AccountName(int64_t),
//   KeyName(int64_t); and bool IsToken(int64_t) (false when gone).
// TargetOf reads them from a State; `keyledger replay` keeps only these
// names (tools/target_names.h), and both share the rules here.
template <typename Names>
AuditTarget TargetFrom(const Names& names, const Event& event) {
  return std::visit(
      [&names](const auto& e) -> AuditTarget {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, OrgCreated>) {
          return {"org", e.org_id, e.name};
        } else if constexpr (std::is_same_v<T, UserCreated>) {
          return {"user", e.user_id, e.login};
        } else if constexpr (std::is_same_v<T, OrgUserAdded> ||
                             std::is_same_v<T, OrgUserRoleChanged> ||
                             std::is_same_v<T, OrgUserRemoved>) {
          return {"user", e.user_id, names.UserLogin(e.user_id)};
        } else if constexpr (std::is_same_v<T, ApiKeyCreated>) {
          return {"api-key", e.key_id, e.name};
        } else if constexpr (std::is_same_v<T, ApiKeyDeleted> ||
                             std::is_same_v<T, ApiKeyMigrated>) {
          return {"api-key", e.key_id, names.KeyName(e.key_id)};
        } else if constexpr (std::is_same_v<T, ServiceAccountCreated> ||
                             std::is_same_v<T, ServiceAccountUpdated>) {
          return {"service-account", e.service_account_id, e.name};
        } else if constexpr (std::is_same_v<T, ServiceAccountDeleted>) {
          return {"service-account", e.service_account_id,
                  names.AccountName(e.service_account_id)};
        } else if constexpr (std::is_same_v<T, TokenCreated>) {
          return {"token", e.key_id, e.name};
        } else if constexpr (std::is_same_v<T, TokenDeleted> ||
                             std::is_same_v<T, TokenRevoked> ||
                             std::is_same_v<T, TokenReverted>) {
          return {"token", e.key_id, names.KeyName(e.key_id)};
        } else if constexpr (std::is_same_v<T, ApiKeysMigrationCompleted> ||
                             std::is_same_v<T, ApiKeysHidden>) {
          return {"org", e.org_id, names.OrgName(e.org_id)};
        } else {
          static_assert(std::is_same_v<T, KeyUsed>);
          return {names.IsToken(e.key_id) ? "token" : "api-key", e.key_id,
                  names.KeyName(e.key_id)};
        }
      },
      event);
}

// TargetFrom the State that `event` was applied to.
AuditTarget TargetOf(const State& before, const Event& event);

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_AUDIT_TARGET_H_
