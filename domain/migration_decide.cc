// Migrating legacy API keys to service accounts (one key, or all of an org).

#include <cstdio>
#include <set>

#include "domain/decisions.h"
#include "domain/name_rules.h"
#include "domain/org_checks.h"

namespace keyledger::domain {
namespace {

constexpr int kLoginRetries = 10;  // "-001" ... "-010", as Grafana PR #97100

// Allocates account ids and logins for a run of migrations, so that later
// keys of one MigrateAll see the accounts created for earlier ones.
class AccountAllocator {
 public:
  explicit AccountAllocator(const State& state)
      : state_(state), next_user_id_(state.next_user_id) {}

  // ServiceAccountCreated then ApiKeyMigrated for legacy key `key`, or the
  // reason it cannot be migrated.
  Result<Events> Migrate(const KeyRecord& key, int64_t now) {
    Result<std::string> login = FreeLogin(key);
    if (!login) return login.error();
    const int64_t sa_id = next_user_id_++;
    taken_.insert(*login);
    return Events{
        ServiceAccountCreated{key.org_id, sa_id, "sa-autogen-" + key.name,
                              *login, key.role, false, now},
        ApiKeyMigrated{key.org_id, key.id, sa_id}};
  }

 private:
  bool Taken(const std::string& login) const {
    return state_.user_by_login.contains(login) || taken_.contains(login);
  }

  // Grafana's login for the key, retried with "<name>-001".."-010" (in the
  // login only) while it is taken.
  Result<std::string> FreeLogin(const KeyRecord& key) const {
    std::string login = ServiceAccountLogin("sa-autogen", key.org_id, key.name);
    for (int attempt = 1; Taken(login); ++attempt) {
      if (attempt > kLoginRetries) {
        return Conflict(
            "failed to create service account: service account already "
            "exists");
      }
      char suffix[8];
      std::snprintf(suffix, sizeof(suffix), "-%03d", attempt);
      login = ServiceAccountLogin("sa-autogen", key.org_id, key.name + suffix);
    }
    return login;
  }

  const State& state_;
  int64_t next_user_id_;
  std::set<std::string> taken_;
};

// The org's legacy keys (expired ones too), in name order.
std::vector<const KeyRecord*> LegacyKeysOf(const State& state, int64_t org_id) {
  std::vector<const KeyRecord*> keys;
  for (const KeyRecord* key : state.key_by_org_name.Of(org_id)) {
    if (!key->service_account_id) keys.push_back(key);
  }
  return keys;
}

}  // namespace

// Does not change the org's migration status; only MigrateAll does.
Result<Events> DecideCommand(const State& state, const MigrateKey& c,
                             const Context& context) {
  if (Result<const OrgRecord*> org = RequireOrg(state, c.org_id); !org) {
    return org.error();
  }
  const KeyRecord* key = FindKey(state, c.key_id);
  if (key == nullptr || key->org_id != c.org_id || key->service_account_id) {
    return NotFound("API key not found");
  }
  return AccountAllocator(state).Migrate(*key, context.now);
}

// Never fails for one key: failures are collected into the completion event,
// which marks the org as migrated.
Result<Events> DecideCommand(const State& state, const MigrateAll& c,
                             const Context& context) {
  if (Result<const OrgRecord*> org = RequireOrg(state, c.org_id); !org) {
    return org.error();
  }
  AccountAllocator allocator(state);
  Events events;
  ApiKeysMigrationCompleted completed;
  completed.org_id = c.org_id;
  for (const KeyRecord* key : LegacyKeysOf(state, c.org_id)) {
    ++completed.total;
    Result<Events> migrated = allocator.Migrate(*key, context.now);
    if (!migrated) {
      ++completed.failed;
      completed.failed_key_ids.push_back(key->id);
      completed.failed_details.push_back(
          "API key name: " + key->name +
          " - Error: " + migrated.error().message);
      continue;
    }
    ++completed.migrated;
    events.insert(events.end(), migrated->begin(), migrated->end());
  }
  events.push_back(std::move(completed));
  return events;
}

}  // namespace keyledger::domain
