// Service accounts: create, update, delete.

#include "domain/decisions.h"
#include "domain/name_rules.h"
#include "domain/org_checks.h"

namespace keyledger::domain {
namespace {

constexpr std::string_view kBadRequest = "Bad request data";

Result<Role> RequestedRole(const std::string& text, const Context& context) {
  return RequireAssignableRole(text, context, "invalid role value: " + text);
}

}  // namespace

Result<Events> DecideCommand(const State& state, const CreateServiceAccount& c,
                             const Context& context) {
  if (Result<const OrgRecord*> org = RequireOrg(state, c.org_id); !org) {
    return org.error();
  }
  if (Result<void> name = ValidateName(c.name, kBadRequest); !name) {
    return name.error();
  }
  Role role = Role::kViewer;
  if (c.role) {
    Result<Role> requested = RequestedRole(*c.role, context);
    if (!requested) return requested.error();
    role = *requested;
  }
  std::string login = ServiceAccountLogin("sa", c.org_id, c.name);
  if (state.user_by_login.contains(login)) {
    return InvalidArgument("service account already exists");
  }
  return Events{ServiceAccountCreated{
      c.org_id, state.next_user_id, c.name, std::move(login), role,
      c.is_disabled.value_or(false), context.now}};
}

// An update without any field changes nothing and emits no event. The login
// stays as created (a rename does not re-generate it).
Result<Events> DecideCommand(const State& state, const UpdateServiceAccount& c,
                             const Context& context) {
  Result<const ServiceAccountRecord*> found =
      RequireServiceAccount(state, c.org_id, c.service_account_id);
  if (!found) return found.error();
  const ServiceAccountRecord& sa = **found;
  ServiceAccountUpdated updated{c.org_id, sa.id,       sa.name,
                                sa.role,  sa.disabled, context.now};
  if (c.name) {
    if (Result<void> name = ValidateName(*c.name, kBadRequest); !name) {
      return name.error();
    }
    updated.name = *c.name;
  }
  if (c.role) {
    Result<Role> role = RequestedRole(*c.role, context);
    if (!role) return role.error();
    updated.role = *role;
  }
  if (c.is_disabled) updated.disabled = *c.is_disabled;
  if (!c.name && !c.role && !c.is_disabled) return Events{};
  return Events{std::move(updated)};
}

Result<Events> DecideCommand(const State& state, const DeleteServiceAccount& c,
                             const Context&) {
  Result<const ServiceAccountRecord*> found =
      RequireServiceAccount(state, c.org_id, c.service_account_id);
  if (!found) return found.error();
  return Events{ServiceAccountDeleted{c.org_id, c.service_account_id,
                                      TokenIdsOf(state, c.service_account_id)}};
}

}  // namespace keyledger::domain
