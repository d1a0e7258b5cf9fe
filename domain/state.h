#ifndef KEYLEDGER_DOMAIN_STATE_H_
#define KEYLEDGER_DOMAIN_STATE_H_

// The whole current state, built only by Evolve. Plain data: owners of a
// State (the server, the replay tool, tests) decide how to share it.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "domain/events.h"
#include "domain/hashed_secret.h"
#include "domain/key_hash_index.h"
#include "domain/name_index.h"
#include "domain/role.h"
#include "domain/string_hash.h"

namespace keyledger::domain {

// A legacy API key or a service-account token (one id space, as in Grafana).
struct KeyRecord {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string name;
  Role role = Role::kViewer;
  HashedSecret hash;
  int64_t created = 0;
  std::optional<int64_t> expires;
  std::optional<int64_t> service_account_id;  // absent = legacy key
  std::optional<int64_t> last_used;
  bool revoked = false;
  bool operator==(const KeyRecord&) const = default;
};

// A key's last use is recorded at most every 5 minutes: a use at `at` (Unix
// seconds) is due when none is recorded or the last is that old.
inline constexpr int64_t kKeyUseInterval = 300;
inline bool KeyUseDue(const KeyRecord& key, int64_t at) {
  return !key.last_used || at - *key.last_used >= kKeyUseInterval;
}

struct ServiceAccountRecord {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string name;
  std::string login;
  Role role = Role::kViewer;
  bool disabled = false;
  int64_t created = 0;
  int64_t updated = 0;
  int64_t token_count = 0;
  bool operator==(const ServiceAccountRecord&) const = default;
};

struct OrgRecord {
  int64_t id = 0;
  std::string name;
  int64_t created = 0;
  bool api_keys_migrated = false;  // a MigrateAll completed
  bool api_keys_hidden = false;
  bool operator==(const OrgRecord&) const = default;
};

struct UserRecord {
  int64_t id = 0;
  std::string login;
  std::string email;
  std::string name;
  HashedSecret password;
  std::string password_salt;
  bool is_server_admin = false;
  int64_t created = 0;
  std::map<int64_t, Role> org_roles;  // membership: org id -> role
  bool operator==(const UserRecord&) const = default;
};

// Index traits: keys by (org, name), tokens by (service account, name),
// service accounts by (org, login).
struct KeyByOrgName {
  static int64_t Owner(const KeyRecord& key) { return key.org_id; }
  static std::string_view Name(const KeyRecord& key) { return key.name; }
};
struct TokenByAccountName {
  // REQUIRES: the key is a token (only tokens are in this index).
  static int64_t Owner(const KeyRecord& key) { return *key.service_account_id; }
  static std::string_view Name(const KeyRecord& key) { return key.name; }
};
struct AccountByOrgLogin {
  static int64_t Owner(const ServiceAccountRecord& sa) { return sa.org_id; }
  static std::string_view Name(const ServiceAccountRecord& sa) {
    return sa.login;
  }
};

struct State {
  std::map<int64_t, OrgRecord> orgs;
  std::unordered_map<int64_t, UserRecord> users;
  std::unordered_map<int64_t, ServiceAccountRecord> service_accounts;
  std::unordered_map<int64_t, KeyRecord> keys;

  // Indexes (maintained by Evolve; IndexRecords rebuilds them). The name
  // indexes point into `keys` and `service_accounts`, whose nodes never
  // move, so a copy of a State rebuilds them and a move keeps them.
  std::map<std::string, int64_t> org_by_name;
  // Users and service accounts (one login space). Looked up only, never
  // listed in order: a hash map, where a B-tree's inserts compared strings
  // a dozen times each (an eighth of a rebuild's thread that evolves the
  // State).
  absl::flat_hash_map<std::string, int64_t, StringHash, std::equal_to<>>
      user_by_login;
  NameIndex<KeyRecord, KeyByOrgName> key_by_org_name;
  KeyHashIndex<KeyRecord> key_by_hash;
  // For listing in Grafana's login order.
  NameIndex<ServiceAccountRecord, AccountByOrgLogin> sa_by_org_login;
  // For listing an account's tokens by name.
  NameIndex<KeyRecord, TokenByAccountName> token_by_sa_name;

  // Id counters: the next id to allocate. Keys and tokens share one space;
  // users and service accounts share another. Never reused.
  int64_t next_org_id = 1;
  int64_t next_user_id = 1;
  int64_t next_key_id = 1;

  State() = default;
  State(const State& other);
  State& operator=(const State& other);
  State(State&&) = default;
  State& operator=(State&&) = default;
  bool operator==(const State& other) const;
};

// Rebuilds every index from the records. IndexKeyRecords does the indexes of
// `keys` only (key_by_*, token_by_sa_name) — in two halves that touch
// disjoint members, so that a loader may build them on two threads:
// IndexKeysByOrgName (key_by_org_name) and IndexKeysByHashAndAccount
// (key_by_hash, token_by_sa_name); IndexIdentityRecords does the others.
void IndexRecords(State& state);
void IndexKeyRecords(State& state);
void IndexKeysByOrgName(State& state);
void IndexKeysByHashAndAccount(State& state);
void IndexIdentityRecords(State& state);
// sa_by_org_login only (IndexIdentityRecords does it too).
void IndexServiceAccountsByOrgLogin(State& state);

// For a replay of a whole log: Evolve stops keeping the name indexes that
// only decisions read (key_by_org_name, sa_by_org_login), which would take
// each record to a random place in a tree, until IndexKeysByOrgName and
// IndexServiceAccountsByOrgLogin build them from the records at once (they
// touch disjoint members, so two threads may build them side by side).
void SuspendNameIndexes(State& state);

// The key whose hash.hex is `hex`, if any.
std::optional<int64_t> FindKeyByHash(const State& state, const CompactHex& hex);

// Applies one event. REQUIRES: the event was produced by Decide on a state
// equal to this one (or replayed in log order); Evolve never fails.
void Evolve(State& state, const Event& event);

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_STATE_H_
