#ifndef KEYLEDGER_DOMAIN_COMMANDS_H_
#define KEYLEDGER_DOMAIN_COMMANDS_H_

// Commands: imperative requests. They carry raw user input (role strings,
// TTL input) so that Decide is the one place that validates it. Secrets are
// generated outside the domain; a command carries only their hash.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include <variant>

#include "domain/hashed_secret.h"
#include "domain/role.h"

namespace keyledger::domain {

// Time to live as the client sent it: at most one of the two may be set.
struct TtlInput {
  std::optional<int64_t> seconds_to_live;
  std::optional<std::string> time_to_live;  // "<digits><s|m|h|d|w|M>"
};

struct CreateOrg {
  std::string name;
};
struct CreateUser {
  std::string login;
  std::string email;
  std::string name;
  HashedSecret password;
  std::string password_salt;
  bool is_server_admin = false;
};
struct AddOrgUser {
  int64_t org_id = 0;
  std::string login_or_email;
  std::string role;
};
struct UpdateOrgUser {
  int64_t org_id = 0;
  int64_t user_id = 0;
  std::string role;
};
struct RemoveOrgUser {
  int64_t org_id = 0;
  int64_t user_id = 0;
};
struct CreateApiKey {
  int64_t org_id = 0;
  std::string name;
  std::string role;
  TtlInput ttl;
  HashedSecret hash;
};
struct DeleteApiKey {
  int64_t org_id = 0;
  int64_t key_id = 0;
};
struct CreateServiceAccount {
  int64_t org_id = 0;
  std::string name;
  std::optional<std::string> role;  // default Viewer
  std::optional<bool> is_disabled;  // default false
};
struct UpdateServiceAccount {
  int64_t org_id = 0;
  int64_t service_account_id = 0;
  std::optional<std::string> name;
  std::optional<std::string> role;
  std::optional<bool> is_disabled;
};
struct DeleteServiceAccount {
  int64_t org_id = 0;
  int64_t service_account_id = 0;
};
struct CreateToken {
  int64_t org_id = 0;
  int64_t service_account_id = 0;
  std::string name;
  TtlInput ttl;
  HashedSecret hash;
};
struct DeleteToken {
  int64_t org_id = 0;
  int64_t service_account_id = 0;
  int64_t key_id = 0;
};
struct RevokeToken {
  int64_t org_id = 0;
  int64_t service_account_id = 0;
  int64_t key_id = 0;
};
struct MigrateKey {
  int64_t org_id = 0;
  int64_t key_id = 0;
};
struct MigrateAll {
  int64_t org_id = 0;
};
struct HideApiKeys {
  int64_t org_id = 0;
};
struct RevertToken {
  int64_t org_id = 0;
  int64_t service_account_id = 0;
  int64_t key_id = 0;
};
// Keys of org `org_id` that authenticated, each with the time (Unix
// seconds). One command per org and batch, so that its events go to one
// stream and one write.
struct RecordKeyUse {
  struct Use {
    int64_t key_id = 0;
    int64_t at = 0;
  };
  int64_t org_id = 0;
  std::vector<Use> uses;
};

using Command =
    std::variant<CreateOrg, CreateUser, AddOrgUser, UpdateOrgUser,
                 RemoveOrgUser, CreateApiKey, DeleteApiKey,
                 CreateServiceAccount, UpdateServiceAccount,
                 DeleteServiceAccount, CreateToken, DeleteToken, RevokeToken,
                 MigrateKey, MigrateAll, HideApiKeys, RevertToken,
                 RecordKeyUse>;

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_COMMANDS_H_
