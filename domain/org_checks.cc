#include "domain/org_checks.h"

#include <algorithm>

#include "domain/authorize.h"

namespace keyledger::domain {

Result<const OrgRecord*> RequireOrg(const State& state, int64_t org_id) {
  const auto it = state.orgs.find(org_id);
  if (it == state.orgs.end()) return NotFound("Organization not found");
  return &it->second;
}

Result<const ServiceAccountRecord*> RequireServiceAccount(
    const State& state, int64_t org_id, int64_t service_account_id) {
  const auto it = state.service_accounts.find(service_account_id);
  if (it == state.service_accounts.end() || it->second.org_id != org_id) {
    return NotFound("service account not found");
  }
  return &it->second;
}

const KeyRecord* FindKey(const State& state, int64_t id) {
  const auto it = state.keys.find(id);
  return it == state.keys.end() ? nullptr : &it->second;
}

Result<Role> RequireAssignableRole(std::string_view text,
                                   const Context& context,
                                   std::string invalid_message) {
  const std::optional<Role> role = ParseRole(text);
  if (!role) return InvalidArgument(std::move(invalid_message));
  if (!RoleIncludes(EffectiveRole(context), *role)) {
    return MakeError(ErrorCode::kPermissionDenied,
                     "Cannot assign a role higher than user's role");
  }
  return *role;
}

Result<void> RequireNewKeySlot(const State& state, int64_t org_id,
                               const std::string& name,
                               const HashedSecret& hash,
                               std::string_view duplicate_message) {
  if (state.key_by_org_name.Contains(org_id, name)) {
    return Conflict(std::string(duplicate_message));
  }
  if (hash.hex.empty()) {
    return MakeError(ErrorCode::kInternal, "missing secret hash");
  }
  if (FindKeyByHash(state, hash.hex)) {
    return Conflict("a key with the same secret already exists");
  }
  return {};
}

std::vector<int64_t> TokenIdsOf(const State& state,
                                int64_t service_account_id) {
  std::vector<int64_t> ids;
  for (const KeyRecord* token : state.token_by_sa_name.Of(service_account_id)) {
    ids.push_back(token->id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace keyledger::domain
