#ifndef KEYLEDGER_DOMAIN_EVENTS_H_
#define KEYLEDGER_DOMAIN_EVENTS_H_

// Events: past-tense facts. Each is stored with the versioned type name
// "keyledger.v1.<Name>" (see EventTypeName). Times are Unix seconds.
// Ids are allocated by the writer from State's counters and never reused.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/hashed_secret.h"
#include "domain/role.h"

namespace keyledger::domain {

// ---- identity stream ("identity") ----
struct OrgCreated {
  int64_t org_id = 0;
  std::string name;
  int64_t created = 0;
  bool operator==(const OrgCreated&) const = default;
};
struct UserCreated {
  int64_t user_id = 0;
  std::string login;
  std::string email;
  std::string name;
  HashedSecret password;  // PBKDF2-SHA256 with `password_salt`
  std::string password_salt;
  bool is_server_admin = false;
  int64_t created = 0;
  bool operator==(const UserCreated&) const = default;
};
struct OrgUserAdded {
  int64_t org_id = 0;
  int64_t user_id = 0;
  Role role = Role::kViewer;
  bool operator==(const OrgUserAdded&) const = default;
};
struct OrgUserRoleChanged {
  int64_t org_id = 0;
  int64_t user_id = 0;
  Role role = Role::kViewer;
  bool operator==(const OrgUserRoleChanged&) const = default;
};
struct OrgUserRemoved {
  int64_t org_id = 0;
  int64_t user_id = 0;
  bool operator==(const OrgUserRemoved&) const = default;
};

// ---- org streams ("org-<id>") ----
struct ApiKeyCreated {
  int64_t org_id = 0;
  int64_t key_id = 0;
  std::string name;
  Role role = Role::kViewer;
  HashedSecret hash;
  int64_t created = 0;
  std::optional<int64_t> expires;  // absent = never expires
  bool operator==(const ApiKeyCreated&) const = default;
};
struct ApiKeyDeleted {
  int64_t org_id = 0;
  int64_t key_id = 0;
  bool operator==(const ApiKeyDeleted&) const = default;
};
struct ServiceAccountCreated {
  int64_t org_id = 0;
  int64_t service_account_id = 0;
  std::string name;
  std::string login;
  Role role = Role::kViewer;
  bool disabled = false;
  int64_t created = 0;
  bool operator==(const ServiceAccountCreated&) const = default;
};
// Carries the full new values of the mutable fields.
struct ServiceAccountUpdated {
  int64_t org_id = 0;
  int64_t service_account_id = 0;
  std::string name;
  Role role = Role::kViewer;
  bool disabled = false;
  int64_t updated = 0;
  bool operator==(const ServiceAccountUpdated&) const = default;
};
// Deletes the account and every token it still owns (listed, for the audit).
struct ServiceAccountDeleted {
  int64_t org_id = 0;
  int64_t service_account_id = 0;
  std::vector<int64_t> deleted_token_ids;
  bool operator==(const ServiceAccountDeleted&) const = default;
};
struct TokenCreated {
  int64_t org_id = 0;
  int64_t service_account_id = 0;
  int64_t key_id = 0;
  std::string name;
  Role role = Role::kViewer;  // Grafana stores Viewer for native tokens
  HashedSecret hash;
  int64_t created = 0;
  std::optional<int64_t> expires;
  bool operator==(const TokenCreated&) const = default;
};
struct TokenDeleted {
  int64_t org_id = 0;
  int64_t service_account_id = 0;
  int64_t key_id = 0;
  bool operator==(const TokenDeleted&) const = default;
};
struct TokenRevoked {
  int64_t org_id = 0;
  int64_t service_account_id = 0;
  int64_t key_id = 0;
  bool operator==(const TokenRevoked&) const = default;
};
// A legacy key became the token of a service account (created just before,
// in the same append, by a ServiceAccountCreated event). Nothing else changes.
struct ApiKeyMigrated {
  int64_t org_id = 0;
  int64_t key_id = 0;
  int64_t service_account_id = 0;
  bool operator==(const ApiKeyMigrated&) const = default;
};
struct ApiKeysMigrationCompleted {
  int64_t org_id = 0;
  int64_t total = 0;
  int64_t migrated = 0;
  int64_t failed = 0;
  std::vector<int64_t> failed_key_ids;
  std::vector<std::string> failed_details;
  bool operator==(const ApiKeysMigrationCompleted&) const = default;
};
struct ApiKeysHidden {
  int64_t org_id = 0;
  bool operator==(const ApiKeysHidden&) const = default;
};
// A token became a legacy key again; followed in the same append by the
// ServiceAccountDeleted of its (now token-less) account.
struct TokenReverted {
  int64_t org_id = 0;
  int64_t key_id = 0;
  int64_t service_account_id = 0;
  bool operator==(const TokenReverted&) const = default;
};
struct KeyUsed {
  int64_t org_id = 0;
  int64_t key_id = 0;
  int64_t at = 0;
  bool operator==(const KeyUsed&) const = default;
};

using Event =
    std::variant<OrgCreated, UserCreated, OrgUserAdded, OrgUserRoleChanged,
                 OrgUserRemoved, ApiKeyCreated, ApiKeyDeleted,
                 ServiceAccountCreated, ServiceAccountUpdated,
                 ServiceAccountDeleted, TokenCreated, TokenDeleted,
                 TokenRevoked, ApiKeyMigrated, ApiKeysMigrationCompleted,
                 ApiKeysHidden, TokenReverted, KeyUsed>;

// The unversioned name, e.g. "ApiKeyCreated" (the audit action).
std::string_view EventName(const Event& event);
// The stored, versioned name, e.g. "keyledger.v1.ApiKeyCreated".
std::string EventTypeName(const Event& event);
// "identity" for identity events, "org-<id>" for org events.
std::string StreamOf(const Event& event);
// The org an event belongs to (0 for OrgCreated/UserCreated; the org for
// org-user events and all org-stream events).
int64_t OrgOf(const Event& event);

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_EVENTS_H_
