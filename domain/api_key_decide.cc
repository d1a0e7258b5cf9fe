// Legacy API keys (/api/auth/keys) and key use.

#include <unordered_set>

#include "domain/decisions.h"
#include "domain/name_rules.h"
#include "domain/org_checks.h"
#include "domain/ttl.h"

namespace keyledger::domain {
Result<Events> DecideCommand(const State& state, const CreateApiKey& c,
                             const Context& context) {
  Result<const OrgRecord*> org = RequireOrg(state, c.org_id);
  if (!org) return org.error();
  if ((*org)->api_keys_migrated) {
    return MakeError(ErrorCode::kGone,
                     "this endpoint has been removed, please use POST "
                     "/api/serviceaccounts and POST "
                     "/api/serviceaccounts/{id}/tokens instead");
  }
  if (Result<void> name = ValidateName(c.name, "bad request data"); !name) {
    return name.error();
  }
  if (c.role.empty())
    return InvalidArgument("bad request data: role is required");
  Result<Role> role =
      RequireAssignableRole(c.role, context, "Invalid role specified");
  if (!role) return role.error();
  Result<std::optional<int64_t>> expires =
      ResolveExpiry(c.ttl, context.limits, context.now, /*is_token=*/false);
  if (!expires) return expires.error();
  if (Result<void> free =
          RequireNewKeySlot(state, c.org_id, c.name, c.hash,
                            "API key, organization ID and name must be unique");
      !free) {
    return free.error();
  }
  return Events{ApiKeyCreated{c.org_id, state.next_key_id, c.name, *role,
                              c.hash, context.now, *expires}};
}

Result<Events> DecideCommand(const State& state, const DeleteApiKey& c,
                             const Context&) {
  const KeyRecord* key = FindKey(state, c.key_id);
  if (key == nullptr || key->org_id != c.org_id || key->service_account_id) {
    return NotFound("API key not found");
  }
  return Events{ApiKeyDeleted{c.org_id, c.key_id}};
}

// A KeyUsed per use, except (no error: recording use is best effort) for an
// unknown key, a key of another org, a repeat of a key in the batch, or a
// use within 5 minutes of the key's last recorded one.
Result<Events> DecideCommand(const State& state, const RecordKeyUse& c,
                             const Context&) {
  Events events;
  std::unordered_set<int64_t> seen;
  for (const RecordKeyUse::Use& use : c.uses) {
    const KeyRecord* key = FindKey(state, use.key_id);
    if (key == nullptr || key->org_id != c.org_id ||
        !seen.insert(key->id).second) {
      continue;
    }
    if (!KeyUseDue(*key, use.at)) continue;
    events.push_back(KeyUsed{key->org_id, key->id, use.at});
  }
  return events;
}

}  // namespace keyledger::domain
