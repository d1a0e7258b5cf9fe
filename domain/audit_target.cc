#include "domain/audit_target.h"

namespace keyledger::domain {
namespace {

// What TargetFrom reads, from a State.
class StateNames {
 public:
  explicit StateNames(const State& state) : state_(state) {}

  std::string OrgName(int64_t id) const {
    const auto it = state_.orgs.find(id);
    return it == state_.orgs.end() ? std::string() : it->second.name;
  }
  std::string UserLogin(int64_t id) const {
    const auto it = state_.users.find(id);
    return it == state_.users.end() ? std::string() : it->second.login;
  }
  std::string AccountName(int64_t id) const {
    const auto it = state_.service_accounts.find(id);
    return it == state_.service_accounts.end() ? std::string()
                                               : it->second.name;
  }
  std::string KeyName(int64_t id) const {
    const auto it = state_.keys.find(id);
    return it == state_.keys.end() ? std::string() : it->second.name;
  }
  bool IsToken(int64_t id) const {
    const auto it = state_.keys.find(id);
    return it != state_.keys.end() && it->second.service_account_id.has_value();
  }

 private:
  const State& state_;
};

}  // namespace

AuditTarget TargetOf(const State& before, const Event& event) {
  return TargetFrom(StateNames(before), event);
}

}  // namespace keyledger::domain
