// Service-account tokens: create, delete, revoke.

#include "domain/decisions.h"
#include "domain/name_rules.h"
#include "domain/org_checks.h"
#include "domain/ttl.h"

namespace keyledger::domain {
namespace {

// The token `key_id` of account `service_account_id` in `org_id`, else
// kNotFound naming what is missing.
Result<const KeyRecord*> RequireToken(const State& state, int64_t org_id,
                                      int64_t service_account_id,
                                      int64_t key_id) {
  if (Result<const ServiceAccountRecord*> sa =
          RequireServiceAccount(state, org_id, service_account_id);
      !sa) {
    return sa.error();
  }
  const KeyRecord* key = FindKey(state, key_id);
  if (key == nullptr || key->org_id != org_id ||
      key->service_account_id != service_account_id) {
    return NotFound("service account token not found");
  }
  return key;
}

}  // namespace

Result<Events> DecideCommand(const State& state, const CreateToken& c,
                             const Context& context) {
  if (Result<const ServiceAccountRecord*> sa =
          RequireServiceAccount(state, c.org_id, c.service_account_id);
      !sa) {
    return sa.error();
  }
  if (Result<void> name = ValidateName(c.name, "Bad request data"); !name) {
    return name.error();
  }
  Result<std::optional<int64_t>> expires =
      ResolveExpiry(c.ttl, context.limits, context.now, /*is_token=*/true);
  if (!expires) return expires.error();
  if (Result<void> free = RequireNewKeySlot(
          state, c.org_id, c.name, c.hash,
          "service account token with given name already exists in the "
          "organization");
      !free) {
    return free.error();
  }
  return Events{TokenCreated{c.org_id, c.service_account_id, state.next_key_id,
                             c.name, Role::kViewer, c.hash, context.now,
                             *expires}};
}

Result<Events> DecideCommand(const State& state, const DeleteToken& c,
                             const Context&) {
  Result<const KeyRecord*> token =
      RequireToken(state, c.org_id, c.service_account_id, c.key_id);
  if (!token) return token.error();
  return Events{TokenDeleted{c.org_id, c.service_account_id, c.key_id}};
}

// Revoking a revoked token changes nothing and emits no event.
Result<Events> DecideCommand(const State& state, const RevokeToken& c,
                             const Context&) {
  Result<const KeyRecord*> token =
      RequireToken(state, c.org_id, c.service_account_id, c.key_id);
  if (!token) return token.error();
  if ((*token)->revoked) return Events{};
  return Events{TokenRevoked{c.org_id, c.service_account_id, c.key_id}};
}

}  // namespace keyledger::domain
