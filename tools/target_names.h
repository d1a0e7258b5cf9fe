#ifndef KEYLEDGER_TOOLS_TARGET_NAMES_H_
#define KEYLEDGER_TOOLS_TARGET_NAMES_H_

// The audit targets of events for `keyledger replay`, without a State.
// domain::TargetFrom needs only names (of orgs, users, service accounts and
// keys) and whether a key is a token; building the whole State for that
// (domain::Evolve: records, hashes and ordered indexes of every key) was
// two thirds of a replay. TargetNames keeps just those, changed by each
// event exactly as Evolve changes them (tests/tools/target_names_test checks
// that its targets and domain::TargetOf's agree), and shares TargetFrom's
// rules with TargetOf.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/audit_target.h"
#include "domain/events.h"
#include "tools/id_map.h"

namespace keyledger::tools {

class TargetNames {
 public:
  // Ids below `dense_ids` are looked up in vectors (see IdMap): the log's
  // number of events bounds the ids of a log that Decide wrote.
  explicit TargetNames(size_t dense_ids);

  // What domain::TargetOf(state, event) returns, for the state built from
  // the events applied so far.
  domain::AuditTarget TargetOf(const domain::Event& event) const {
    return domain::TargetFrom(*this, event);
  }

  // The names that domain::TargetFrom reads, by id.
  std::string OrgName(int64_t id) const;
  std::string UserLogin(int64_t id) const;
  std::string AccountName(int64_t id) const;
  std::string KeyName(int64_t id) const;
  bool IsToken(int64_t id) const;

  // Takes `event` into account, as domain::Evolve would.
  void Apply(const domain::Event& event);

 private:
  struct Key {
    std::string name;
    std::optional<int64_t> service_account_id;  // set: a token
  };
  // State::token_by_sa_name's entries of one account: (token name, key id).
  using AccountTokens = std::vector<std::pair<std::string, int64_t>>;

  static std::string NameIn(const IdMap<std::string>& names, int64_t id);
  void AddKey(int64_t id, const std::string& name,
              std::optional<int64_t> service_account_id);
  void DetachToken(int64_t id, Key& key);
  void RemoveKey(int64_t id);
  void IndexToken(int64_t service_account_id, const std::string& name,
                  int64_t id);
  void DeleteAccount(const domain::ServiceAccountDeleted& e);

  IdMap<std::string> orgs_;         // name
  IdMap<std::string> users_;        // login
  IdMap<std::string> accounts_;     // name
  IdMap<Key> keys_;
  IdMap<AccountTokens> tokens_;     // by account id
};

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_TARGET_NAMES_H_
