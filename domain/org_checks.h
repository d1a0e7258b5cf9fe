#ifndef KEYLEDGER_DOMAIN_ORG_CHECKS_H_
#define KEYLEDGER_DOMAIN_ORG_CHECKS_H_

// Internal to domain/: lookups and checks shared by the decisions.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/context.h"
#include "domain/error.h"
#include "domain/role.h"
#include "domain/state.h"

namespace keyledger::domain {

inline Error InvalidArgument(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message));
}
inline Error NotFound(std::string message) {
  return MakeError(ErrorCode::kNotFound, std::move(message));
}
inline Error Conflict(std::string message) {
  return MakeError(ErrorCode::kConflict, std::move(message));
}

// The org, or kNotFound "Organization not found".
[[nodiscard]] Result<const OrgRecord*> RequireOrg(const State& state,
                                                  int64_t org_id);

// The account when it exists in `org_id`, else kNotFound "service account
// not found".
[[nodiscard]] Result<const ServiceAccountRecord*> RequireServiceAccount(
    const State& state, int64_t org_id, int64_t service_account_id);

// The key or token with `id`, or nullptr.
const KeyRecord* FindKey(const State& state, int64_t id);

// Parses a requested role: kInvalidArgument `invalid_message` when it is not
// a role; kPermissionDenied "Cannot assign a role higher than user's role"
// when it is above EffectiveRole(context).
[[nodiscard]] Result<Role> RequireAssignableRole(std::string_view text,
                                                 const Context& context,
                                                 std::string invalid_message);

// Checks for a new key or token: the name is free in the org (keys and
// tokens share one namespace; kConflict `duplicate_message`), the hash is set
// (kInternal otherwise: the caller's bug) and not already stored (kConflict).
[[nodiscard]] Result<void> RequireNewKeySlot(
    const State& state, int64_t org_id, const std::string& name,
    const HashedSecret& hash, std::string_view duplicate_message);

// Ids of the tokens `service_account_id` owns, ascending.
std::vector<int64_t> TokenIdsOf(const State& state, int64_t service_account_id);

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_ORG_CHECKS_H_
