#include "domain/state.h"

#include <algorithm>
#include <functional>
#include <vector>

namespace keyledger::domain {
namespace {

void Bump(int64_t& next, int64_t id) { next = std::max(next, id + 1); }

// ---- identity ----

void Apply(State& s, const OrgCreated& e) {
  s.orgs[e.org_id] = OrgRecord{e.org_id, e.name, e.created, false, false};
  s.org_by_name[e.name] = e.org_id;
  Bump(s.next_org_id, e.org_id);
}

void Apply(State& s, const UserCreated& e) {
  UserRecord& user = s.users[e.user_id];
  user = UserRecord{e.user_id,  e.login,         e.email,           e.name,
                    e.password, e.password_salt, e.is_server_admin, e.created,
                    {}};
  s.user_by_login[e.login] = e.user_id;
  Bump(s.next_user_id, e.user_id);
}

void Apply(State& s, const OrgUserAdded& e) {
  if (auto it = s.users.find(e.user_id); it != s.users.end()) {
    it->second.org_roles[e.org_id] = e.role;
  }
}

void Apply(State& s, const OrgUserRoleChanged& e) {
  if (auto it = s.users.find(e.user_id); it != s.users.end()) {
    it->second.org_roles[e.org_id] = e.role;
  }
}

void Apply(State& s, const OrgUserRemoved& e) {
  if (auto it = s.users.find(e.user_id); it != s.users.end()) {
    it->second.org_roles.erase(e.org_id);
  }
}

// ---- keys and tokens ----

// Detaches a token from its account (indexes and count); no-op for a legacy
// key.
void DetachToken(State& s, KeyRecord& key) {
  if (!key.service_account_id) return;
  s.token_by_sa_name.Erase(key);
  if (auto sa = s.service_accounts.find(*key.service_account_id);
      sa != s.service_accounts.end()) {
    --sa->second.token_count;
  }
  key.service_account_id.reset();
}

void RemoveKey(State& s, int64_t key_id) {
  auto it = s.keys.find(key_id);
  if (it == s.keys.end()) return;
  DetachToken(s, it->second);
  s.key_by_org_name.Erase(it->second);
  s.key_by_hash.Erase(it->second);
  s.keys.erase(it);
}

void AddKey(State& s, KeyRecord record) {
  Bump(s.next_key_id, record.id);
  if (auto old = s.keys.find(record.id); old != s.keys.end()) {
    RemoveKey(s, record.id);  // never for events Decide produced
  }
  const KeyRecord& key =
      s.keys.emplace(record.id, std::move(record)).first->second;
  s.key_by_org_name.Insert(key);
  s.key_by_hash.Insert(key);
  if (key.service_account_id) {
    s.token_by_sa_name.Insert(key);
    if (auto sa = s.service_accounts.find(*key.service_account_id);
        sa != s.service_accounts.end()) {
      ++sa->second.token_count;
    }
  }
}

void Apply(State& s, const ApiKeyCreated& e) {
  AddKey(s, KeyRecord{e.key_id, e.org_id, e.name, e.role, e.hash, e.created,
                      e.expires, std::nullopt, std::nullopt, false});
}

void Apply(State& s, const ApiKeyDeleted& e) { RemoveKey(s, e.key_id); }

void Apply(State& s, const TokenCreated& e) {
  AddKey(s, KeyRecord{e.key_id, e.org_id, e.name, e.role, e.hash, e.created,
                      e.expires, e.service_account_id, std::nullopt, false});
}

void Apply(State& s, const TokenDeleted& e) { RemoveKey(s, e.key_id); }

void Apply(State& s, const TokenRevoked& e) {
  if (auto it = s.keys.find(e.key_id); it != s.keys.end()) {
    it->second.revoked = true;
  }
}

void Apply(State& s, const KeyUsed& e) {
  if (auto it = s.keys.find(e.key_id); it != s.keys.end()) {
    it->second.last_used = e.at;
  }
}

// ---- service accounts ----

void Apply(State& s, const ServiceAccountCreated& e) {
  if (auto old = s.service_accounts.find(e.service_account_id);
      old != s.service_accounts.end()) {
    s.sa_by_org_login.Erase(old->second);  // never for events Decide produced
    s.service_accounts.erase(old);
  }
  const ServiceAccountRecord& sa =
      s.service_accounts
          .emplace(e.service_account_id,
                   ServiceAccountRecord{e.service_account_id, e.org_id, e.name,
                                        e.login, e.role, e.disabled, e.created,
                                        e.created, 0})
          .first->second;
  s.user_by_login[e.login] = e.service_account_id;
  s.sa_by_org_login.Insert(sa);
  Bump(s.next_user_id, e.service_account_id);
}

void Apply(State& s, const ServiceAccountUpdated& e) {
  auto it = s.service_accounts.find(e.service_account_id);
  if (it == s.service_accounts.end()) return;
  it->second.name = e.name;
  it->second.role = e.role;
  it->second.disabled = e.disabled;
  it->second.updated = e.updated;
}

// Removes the account and every token it still owns (the event's list and
// whatever the index holds, which are the same for events Decide produced).
void Apply(State& s, const ServiceAccountDeleted& e) {
  std::vector<int64_t> token_ids = e.deleted_token_ids;
  for (const KeyRecord* token : s.token_by_sa_name.Of(e.service_account_id)) {
    token_ids.push_back(token->id);
  }
  for (int64_t id : token_ids) RemoveKey(s, id);
  auto it = s.service_accounts.find(e.service_account_id);
  if (it == s.service_accounts.end()) return;
  s.user_by_login.erase(it->second.login);
  s.sa_by_org_login.Erase(it->second);
  s.service_accounts.erase(it);
}

void Apply(State& s, const ApiKeyMigrated& e) {
  auto it = s.keys.find(e.key_id);
  if (it == s.keys.end()) return;
  DetachToken(s, it->second);
  it->second.service_account_id = e.service_account_id;
  s.token_by_sa_name.Insert(it->second);
  if (auto sa = s.service_accounts.find(e.service_account_id);
      sa != s.service_accounts.end()) {
    ++sa->second.token_count;
  }
}

void Apply(State& s, const TokenReverted& e) {
  if (auto it = s.keys.find(e.key_id); it != s.keys.end()) {
    DetachToken(s, it->second);
  }
}

// ---- org flags ----

void Apply(State& s, const ApiKeysMigrationCompleted& e) {
  if (auto it = s.orgs.find(e.org_id); it != s.orgs.end()) {
    it->second.api_keys_migrated = true;
  }
}

void Apply(State& s, const ApiKeysHidden& e) {
  if (auto it = s.orgs.find(e.org_id); it != s.orgs.end()) {
    it->second.api_keys_hidden = true;
  }
}

}  // namespace

std::optional<int64_t> FindKeyByHash(const State& state, const CompactHex& hex) {
  const KeyRecord* key = state.key_by_hash.Find(hex);
  return key == nullptr ? std::nullopt : std::optional<int64_t>(key->id);
}

void IndexKeysByOrgName(State& state) {
  state.key_by_org_name.Assign(state.keys);
}

void IndexServiceAccountsByOrgLogin(State& state) {
  state.sa_by_org_login.Assign(state.service_accounts);
}

void IndexKeysByHashAndAccount(State& state) {
  state.key_by_hash.clear();
  state.key_by_hash.Reserve(state.keys.size());
  for (const auto& [id, key] : state.keys) state.key_by_hash.Insert(key);
  state.token_by_sa_name.Assign(state.keys, [](const KeyRecord& key) {
    return key.service_account_id.has_value();
  });
}

void IndexKeyRecords(State& state) {
  IndexKeysByOrgName(state);
  IndexKeysByHashAndAccount(state);
}

void IndexIdentityRecords(State& state) {
  state.org_by_name.clear();
  state.user_by_login.clear();
  for (const auto& [id, org] : state.orgs) state.org_by_name[org.name] = id;
  state.user_by_login.reserve(state.users.size() + state.service_accounts.size());
  for (const auto& [id, user] : state.users) state.user_by_login[user.login] = id;
  for (const auto& [id, sa] : state.service_accounts) state.user_by_login[sa.login] = id;
  IndexServiceAccountsByOrgLogin(state);
}

void SuspendNameIndexes(State& state) {
  state.key_by_org_name.Suspend();
  state.sa_by_org_login.Suspend();
}

void IndexRecords(State& state) {
  IndexKeyRecords(state);
  IndexIdentityRecords(state);
}

State::State(const State& other)
    : orgs(other.orgs),
      users(other.users),
      service_accounts(other.service_accounts),
      keys(other.keys),
      next_org_id(other.next_org_id),
      next_user_id(other.next_user_id),
      next_key_id(other.next_key_id) {
  IndexRecords(*this);
}

State& State::operator=(const State& other) {
  if (this != &other) *this = State(other);
  return *this;
}

bool State::operator==(const State& other) const {
  // The name indexes hold pointers: equal when they list the same ids.
  auto same_ids = [](const auto& a, const auto& b) {
    return std::ranges::equal(a, b, [](const auto* x, const auto* y) {
      return x->id == y->id;
    });
  };
  return orgs == other.orgs && users == other.users &&
         service_accounts == other.service_accounts && keys == other.keys &&
         org_by_name == other.org_by_name &&
         user_by_login == other.user_by_login &&
         same_ids(key_by_org_name, other.key_by_org_name) &&
         key_by_hash.SameIds(other.key_by_hash) &&
         same_ids(sa_by_org_login, other.sa_by_org_login) &&
         same_ids(token_by_sa_name, other.token_by_sa_name) &&
         next_org_id == other.next_org_id &&
         next_user_id == other.next_user_id && next_key_id == other.next_key_id;
}

void Evolve(State& state, const Event& event) {
  std::visit([&state](const auto& e) { Apply(state, e); }, event);
}

}  // namespace keyledger::domain
