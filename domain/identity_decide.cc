// Orgs, users and org membership (the "identity" stream).

#include "domain/decisions.h"
#include "domain/name_rules.h"
#include "domain/org_checks.h"

namespace keyledger::domain {
namespace {

constexpr std::string_view kBadRequest = "bad request data";

// The user with this login or email; service accounts are not users.
const UserRecord* FindUserByLoginOrEmail(const State& state,
                                         std::string_view login_or_email) {
  for (const auto& [id, user] : state.users) {
    if (user.login == login_or_email ||
        (!user.email.empty() && user.email == login_or_email)) {
      return &user;
    }
  }
  return nullptr;
}

// The member `user_id` of `org_id`, else kNotFound "User not found".
Result<const UserRecord*> RequireMember(const State& state, int64_t org_id,
                                        int64_t user_id) {
  const auto it = state.users.find(user_id);
  if (it == state.users.end() || !it->second.org_roles.contains(org_id)) {
    return NotFound("User not found");
  }
  return &it->second;
}

// Refuses a change that leaves the org without an Admin member.
Result<void> KeepsAnAdmin(const State& state, int64_t org_id,
                          const UserRecord& changed, std::string message) {
  if (changed.org_roles.at(org_id) != Role::kAdmin) return {};
  for (const auto& [id, user] : state.users) {
    const auto role = user.org_roles.find(org_id);
    if (id != changed.id && role != user.org_roles.end() &&
        role->second == Role::kAdmin) {
      return {};
    }
  }
  return InvalidArgument(std::move(message));
}

Result<void> ValidateNewUser(const State& state, const CreateUser& c,
                             const std::string& login) {
  if (login.empty())
    return InvalidArgument("bad request data: login is required");
  if (Utf8Length(login) < 0 || Utf8Length(login) > 190) {
    return InvalidArgument(
        "bad request data: login must be valid UTF-8 of at most 190 "
        "characters");
  }
  if (c.password.hex.empty()) {
    return InvalidArgument("bad request data: password is required");
  }
  if (state.user_by_login.contains(login)) {
    return Conflict("User with same login already exists");
  }
  if (!c.email.empty() && FindUserByLoginOrEmail(state, c.email) != nullptr) {
    return Conflict("User with same email already exists");
  }
  return {};
}

}  // namespace

Result<Events> DecideCommand(const State& state, const CreateOrg& c,
                             const Context& context) {
  if (Result<void> name = ValidateName(c.name, kBadRequest); !name) {
    return name.error();
  }
  if (state.org_by_name.contains(c.name)) {
    return Conflict("Organization name taken");
  }
  return Events{OrgCreated{state.next_org_id, c.name, context.now}};
}

// An empty login takes the email, as in Grafana's admin user creation.
Result<Events> DecideCommand(const State& state, const CreateUser& c,
                             const Context& context) {
  const std::string login = c.login.empty() ? c.email : c.login;
  if (Result<void> valid = ValidateNewUser(state, c, login); !valid) {
    return valid.error();
  }
  return Events{UserCreated{state.next_user_id, login, c.email, c.name,
                            c.password, c.password_salt, c.is_server_admin,
                            context.now}};
}

Result<Events> DecideCommand(const State& state, const AddOrgUser& c,
                             const Context& context) {
  if (Result<const OrgRecord*> org = RequireOrg(state, c.org_id); !org) {
    return org.error();
  }
  Result<Role> role =
      RequireAssignableRole(c.role, context, "Invalid role specified");
  if (!role) return role.error();
  const UserRecord* user = FindUserByLoginOrEmail(state, c.login_or_email);
  if (user == nullptr) return NotFound("User not found");
  if (user->org_roles.contains(c.org_id)) {
    return Conflict("User is already member of this organization");
  }
  return Events{OrgUserAdded{c.org_id, user->id, *role}};
}

Result<Events> DecideCommand(const State& state, const UpdateOrgUser& c,
                             const Context& context) {
  Result<const UserRecord*> user = RequireMember(state, c.org_id, c.user_id);
  if (!user) return user.error();
  Result<Role> role =
      RequireAssignableRole(c.role, context, "Invalid role specified");
  if (!role) return role.error();
  if (*role != Role::kAdmin) {
    if (Result<void> kept = KeepsAnAdmin(
            state, c.org_id, **user,
            "Cannot change role so that there is no organization admin left");
        !kept) {
      return kept.error();
    }
  }
  return Events{OrgUserRoleChanged{c.org_id, c.user_id, *role}};
}

Result<Events> DecideCommand(const State& state, const RemoveOrgUser& c,
                             const Context&) {
  Result<const UserRecord*> user = RequireMember(state, c.org_id, c.user_id);
  if (!user) return user.error();
  if (Result<void> kept = KeepsAnAdmin(state, c.org_id, **user,
                                       "Cannot remove last organization admin");
      !kept) {
    return kept.error();
  }
  return Events{OrgUserRemoved{c.org_id, c.user_id}};
}

}  // namespace keyledger::domain
