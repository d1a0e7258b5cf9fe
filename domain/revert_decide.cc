// Hiding the API keys page and reverting a token to a legacy key.

#include "domain/decisions.h"
#include "domain/org_checks.h"

namespace keyledger::domain {

// Hiding is forever: hiding again emits no event.
Result<Events> DecideCommand(const State& state, const HideApiKeys& c,
                             const Context&) {
  Result<const OrgRecord*> org = RequireOrg(state, c.org_id);
  if (!org) return org.error();
  if ((*org)->api_keys_hidden) return Events{};
  return Events{ApiKeysHidden{c.org_id}};
}

// The key must be a token of exactly this account, which owns no other
// token; both in the command's org (else 404). The key keeps its id, name,
// role, hash and expiry; the account is deleted.
Result<Events> DecideCommand(const State& state, const RevertToken& c,
                             const Context&) {
  const KeyRecord* key = FindKey(state, c.key_id);
  if (key == nullptr || key->org_id != c.org_id) {
    return NotFound("API key not found");
  }
  Result<const ServiceAccountRecord*> sa =
      RequireServiceAccount(state, c.org_id, c.service_account_id);
  if (!sa) return sa.error();
  if (key->service_account_id != c.service_account_id) {
    return InvalidArgument(
        "API token does not belong to the given service account");
  }
  if ((*sa)->token_count > 1) {
    return InvalidArgument(
        "cannot revert token: service account contains more than one token");
  }
  return Events{TokenReverted{c.org_id, c.key_id, c.service_account_id},
                ServiceAccountDeleted{c.org_id, c.service_account_id, {}}};
}

}  // namespace keyledger::domain
