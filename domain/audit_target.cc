#include "domain/audit_target.h"

#include <type_traits>

namespace keyledger::domain {
namespace {

std::string OrgName(const State& state, int64_t id) {
  const auto it = state.orgs.find(id);
  return it == state.orgs.end() ? std::string() : it->second.name;
}

std::string UserLogin(const State& state, int64_t id) {
  const auto it = state.users.find(id);
  return it == state.users.end() ? std::string() : it->second.login;
}

std::string AccountName(const State& state, int64_t id) {
  const auto it = state.service_accounts.find(id);
  return it == state.service_accounts.end() ? std::string() : it->second.name;
}

std::string KeyName(const State& state, int64_t id) {
  const auto it = state.keys.find(id);
  return it == state.keys.end() ? std::string() : it->second.name;
}

AuditTarget KeyUsedTarget(const State& state, const KeyUsed& e) {
  const auto it = state.keys.find(e.key_id);
  const bool is_token =
      it != state.keys.end() && it->second.service_account_id.has_value();
  return {is_token ? "token" : "api-key", e.key_id, KeyName(state, e.key_id)};
}

}  // namespace

AuditTarget TargetOf(const State& before, const Event& event) {
  return std::visit(
      [&before](const auto& e) -> AuditTarget {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, OrgCreated>) {
          return {"org", e.org_id, e.name};
        } else if constexpr (std::is_same_v<T, UserCreated>) {
          return {"user", e.user_id, e.login};
        } else if constexpr (std::is_same_v<T, OrgUserAdded> ||
                             std::is_same_v<T, OrgUserRoleChanged> ||
                             std::is_same_v<T, OrgUserRemoved>) {
          return {"user", e.user_id, UserLogin(before, e.user_id)};
        } else if constexpr (std::is_same_v<T, ApiKeyCreated>) {
          return {"api-key", e.key_id, e.name};
        } else if constexpr (std::is_same_v<T, ApiKeyDeleted> ||
                             std::is_same_v<T, ApiKeyMigrated>) {
          return {"api-key", e.key_id, KeyName(before, e.key_id)};
        } else if constexpr (std::is_same_v<T, ServiceAccountCreated> ||
                             std::is_same_v<T, ServiceAccountUpdated>) {
          return {"service-account", e.service_account_id, e.name};
        } else if constexpr (std::is_same_v<T, ServiceAccountDeleted>) {
          return {"service-account", e.service_account_id,
                  AccountName(before, e.service_account_id)};
        } else if constexpr (std::is_same_v<T, TokenCreated>) {
          return {"token", e.key_id, e.name};
        } else if constexpr (std::is_same_v<T, TokenDeleted> ||
                             std::is_same_v<T, TokenRevoked> ||
                             std::is_same_v<T, TokenReverted>) {
          return {"token", e.key_id, KeyName(before, e.key_id)};
        } else if constexpr (std::is_same_v<T, ApiKeysMigrationCompleted> ||
                             std::is_same_v<T, ApiKeysHidden>) {
          return {"org", e.org_id, OrgName(before, e.org_id)};
        } else {
          static_assert(std::is_same_v<T, KeyUsed>);
          return KeyUsedTarget(before, e);
        }
      },
      event);
}

}  // namespace keyledger::domain
