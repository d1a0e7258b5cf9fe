#include "tools/target_names.h"

#include <algorithm>
#include <type_traits>
#include <variant>

namespace keyledger::tools {

TargetNames::TargetNames(size_t dense_ids)
    : orgs_(dense_ids),
      users_(dense_ids),
      accounts_(dense_ids),
      keys_(dense_ids),
      tokens_(dense_ids) {}

// As domain::TargetOf reads them from a State; "" for a record that is gone.
std::string TargetNames::OrgName(int64_t id) const { return NameIn(orgs_, id); }
std::string TargetNames::UserLogin(int64_t id) const { return NameIn(users_, id); }
std::string TargetNames::AccountName(int64_t id) const {
  return NameIn(accounts_, id);
}
std::string TargetNames::KeyName(int64_t id) const {
  const Key* key = keys_.Find(id);
  return key ? key->name : std::string();
}
bool TargetNames::IsToken(int64_t id) const {
  const Key* key = keys_.Find(id);
  return key && key->service_account_id.has_value();
}

std::string TargetNames::NameIn(const IdMap<std::string>& names, int64_t id) {
  const std::string* name = names.Find(id);
  return name ? *name : std::string();
}

// Follows domain::Evolve (domain/state.cc) for the names and token links
// that TargetFrom reads; events that change neither are skipped.
void TargetNames::Apply(const domain::Event& event) {
  std::visit(
      [this](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, domain::OrgCreated>) {
          orgs_[e.org_id] = e.name;
        } else if constexpr (std::is_same_v<T, domain::UserCreated>) {
          users_[e.user_id] = e.login;
        } else if constexpr (std::is_same_v<T, domain::ApiKeyCreated>) {
          AddKey(e.key_id, e.name, std::nullopt);
        } else if constexpr (std::is_same_v<T, domain::TokenCreated>) {
          AddKey(e.key_id, e.name, e.service_account_id);
        } else if constexpr (std::is_same_v<T, domain::ApiKeyDeleted> ||
                             std::is_same_v<T, domain::TokenDeleted>) {
          RemoveKey(e.key_id);
        } else if constexpr (std::is_same_v<T, domain::ServiceAccountCreated>) {
          accounts_[e.service_account_id] = e.name;
        } else if constexpr (std::is_same_v<T, domain::ServiceAccountUpdated>) {
          if (std::string* name = accounts_.Find(e.service_account_id)) *name = e.name;
        } else if constexpr (std::is_same_v<T, domain::ServiceAccountDeleted>) {
          DeleteAccount(e);
        } else if constexpr (std::is_same_v<T, domain::ApiKeyMigrated>) {
          Key* key = keys_.Find(e.key_id);
          if (!key) return;
          DetachToken(e.key_id, *key);
          key->service_account_id = e.service_account_id;
          IndexToken(e.service_account_id, key->name, e.key_id);
        } else if constexpr (std::is_same_v<T, domain::TokenReverted>) {
          if (Key* key = keys_.Find(e.key_id)) DetachToken(e.key_id, *key);
        }
      },
      event);
}

void TargetNames::AddKey(int64_t id, const std::string& name,
                         std::optional<int64_t> service_account_id) {
  RemoveKey(id);  // a key of that id: never in logs Decide wrote
  if (service_account_id) IndexToken(*service_account_id, name, id);
  Key& key = keys_[id];
  key.name = name;
  key.service_account_id = service_account_id;
}

// Evolve's DetachToken: drops the key's own entry from the account's index
// (not another token's of the same name) and makes the key a legacy key.
void TargetNames::DetachToken(int64_t id, Key& key) {
  if (!key.service_account_id) return;
  if (AccountTokens* tokens = tokens_.Find(*key.service_account_id)) {
    std::erase_if(*tokens, [&](const auto& t) {
      return t.first == key.name && t.second == id;
    });
    if (tokens->empty()) tokens_.Erase(*key.service_account_id);
  }
  key.service_account_id.reset();
}

void TargetNames::RemoveKey(int64_t id) {
  Key* key = keys_.Find(id);
  if (!key) return;
  DetachToken(id, *key);
  keys_.Erase(id);
}

// token_by_sa_name[{service_account_id, name}] = id.
void TargetNames::IndexToken(int64_t service_account_id, const std::string& name,
                             int64_t id) {
  AccountTokens& tokens = tokens_[service_account_id];
  auto it = std::find_if(tokens.begin(), tokens.end(),
                         [&](const auto& t) { return t.first == name; });
  if (it == tokens.end()) {
    tokens.emplace_back(name, id);
  } else {
    it->second = id;
  }
}

// Removes the tokens the event lists and those the index holds for the
// account, then the account.
void TargetNames::DeleteAccount(const domain::ServiceAccountDeleted& e) {
  std::vector<int64_t> token_ids = e.deleted_token_ids;
  if (const AccountTokens* tokens = tokens_.Find(e.service_account_id)) {
    for (const auto& token : *tokens) token_ids.push_back(token.second);
  }
  for (int64_t id : token_ids) RemoveKey(id);
  accounts_.Erase(e.service_account_id);
}

}  // namespace keyledger::tools
