// Orgs and org membership (see org_user_handlers.h for the contract).

#include "http/org_user_handlers.h"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cctype>
#include <vector>

#include "domain/authorize.h"
#include "http/command_runner.h"
#include "http/error_status.h"
#include "http/request_context.h"

namespace keyledger::http {
namespace {

using domain::Permission;

constexpr std::string_view kBadRequest = "bad request data";
constexpr std::string_view kBadOrgId = "orgId is invalid";
constexpr std::string_view kBadUserId = "userId is invalid";
constexpr int64_t kMaxOrgsPerPage = 1000;

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

// `principal` as it acts in `org_id`: a user's role there (kNone when not a
// member); a key or token keeps its role only in its own org.
Principal InOrg(const ApiDeps& deps, Principal principal, int64_t org_id) {
  if (principal.org_id == org_id) return principal;
  principal.org_id = org_id;
  principal.org_role = domain::Role::kNone;
  const domain::ActorKind kind = principal.actor.kind;
  if (principal.key || (kind != domain::ActorKind::kUser &&
                        kind != domain::ActorKind::kServerAdmin)) {
    return principal;
  }
  principal.org_role = deps.ledger.Read([&](const domain::State& state) {
    auto user = state.users.find(principal.actor.id);
    if (user == state.users.end()) return domain::Role::kNone;
    auto role = user->second.org_roles.find(org_id);
    return role == user->second.org_roles.end() ? domain::Role::kNone
                                                : role->second;
  });
  return principal;
}

// The authenticated caller acting in the org of the path's :orgId.
domain::Result<Principal> CallerInPathOrg(const ApiDeps& deps,
                                          const Request& request,
                                          const PathParams& params) {
  auto principal = Authenticated(deps, request);
  if (!principal) return principal;
  auto org = ParseId(params.at("orgId"), kBadOrgId);
  if (!org) return org.error();
  return InOrg(deps, std::move(*principal), *org);
}

boost::json::object OrgUserDto(const domain::UserRecord& user, int64_t org_id,
                               domain::Role role) {
  return boost::json::object{{"orgId", org_id},
                             {"userId", user.id},
                             {"email", user.email},
                             {"name", user.name},
                             {"avatarUrl", ""},
                             {"login", user.login},
                             {"role", domain::RoleName(role)},
                             {"isDisabled", false},
                             {"authLabels", boost::json::array()},
                             {"isExternallySynced", false}};
}

Response CreateOrg(const ApiDeps& deps, const Request& request) {
  auto principal = AuthorizedFor(deps, request, Permission::kOrgsWrite);
  if (!principal) return ErrorToResponse(principal.error());
  auto body = ParseJsonObject(request, kBadRequest);
  if (!body) return ErrorToResponse(body.error());
  auto name = OptionalString(*body, "name", kBadRequest);
  if (!name) return ErrorToResponse(name.error());
  domain::CreateOrg command{name->value_or("")};
  return RunCommand(
      deps, *principal, request, command,
      [](const projections::Outcome& outcome) {
        const auto* created = FirstEvent<domain::OrgCreated>(outcome);
        if (created == nullptr)
          return ErrorResponse(500, "Failed to create organization");
        return JsonResponse(
            200, boost::json::object{{"orgId", created->org_id},
                                     {"message", "Organization created"}});
      },
      [](const projections::Outcome& outcome) {
        const auto* created = FirstEvent<domain::OrgCreated>(outcome);
        if (created == nullptr)
          return ErrorResponse(500, "Failed to create organization");
        return AlreadyCreated("Organization", created->name, created->org_id);
      });
}

struct OrgSearch {
  std::string query;  // lowercased substring
  std::string name;   // exact
  int64_t first = 0;
  int64_t size = kMaxOrgsPerPage;
};

boost::json::array SearchOrgs(const domain::State& state, const OrgSearch& s) {
  std::vector<const domain::OrgRecord*> found;
  for (const auto& [name, id] : state.org_by_name) {  // ordered by name
    const domain::OrgRecord& org = state.orgs.at(id);
    if (!s.name.empty() && org.name != s.name) continue;
    if (!s.query.empty() &&
        Lower(org.name).find(s.query) == std::string::npos) {
      continue;
    }
    found.push_back(&org);
  }
  boost::json::array out;
  for (int64_t i = s.first;
       i < static_cast<int64_t>(found.size()) && i - s.first < s.size; ++i) {
    out.push_back(
        boost::json::object{{"id", found[i]->id}, {"name", found[i]->name}});
  }
  return out;
}

Response ListOrgs(const ApiDeps& deps, const Request& request) {
  auto principal = AuthorizedFor(deps, request, Permission::kOrgsRead);
  if (!principal) return ErrorToResponse(principal.error());
  auto per_page = QueryInt(request, "perpage", kMaxOrgsPerPage);
  if (!per_page) return ErrorToResponse(per_page.error());
  auto page = QueryInt(request, "page", 1);
  if (!page) return ErrorToResponse(page.error());
  OrgSearch search{Lower(request.QueryValue("query")),
                   std::string(request.QueryValue("name")), 0,
                   std::clamp<int64_t>(*per_page, 1, kMaxOrgsPerPage)};
  const int64_t number = std::max<int64_t>(*page, 1) - 1;
  search.first =
      number > INT64_MAX / search.size ? INT64_MAX : number * search.size;
  return JsonResponse(200, deps.ledger.Read([&](const domain::State& state) {
    return SearchOrgs(state, search);
  }));
}

Response ListOrgUsers(const ApiDeps& deps, const Request& request,
                      const PathParams& params) {
  auto principal = CallerInPathOrg(deps, request, params);
  if (!principal) return ErrorToResponse(principal.error());
  auto allowed = domain::Authorize(Permission::kOrgUsersRead,
                                   ContextFor(*principal, deps.ledger));
  if (!allowed) return ErrorToResponse(allowed.error());
  const int64_t org = principal->org_id;
  return deps.ledger.Read([&](const domain::State& state) {
    if (!state.orgs.contains(org))
      return ErrorResponse(404, "Organization not found");
    std::vector<std::pair<std::string, boost::json::object>> rows;
    for (const auto& [id, user] : state.users) {
      auto role = user.org_roles.find(org);
      if (role == user.org_roles.end()) continue;
      rows.emplace_back(user.login, OrgUserDto(user, org, role->second));
    }
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    boost::json::array out;
    for (auto& row : rows) out.push_back(std::move(row.second));
    return JsonResponse(200, out);
  });
}

// A required string field: missing or empty -> 400 "bad request data: <field>
// is required".
domain::Result<std::string> RequiredString(const boost::json::object& body,
                                           std::string_view field) {
  auto value = OptionalString(body, field, kBadRequest);
  if (!value) return value.error();
  if (!*value || (*value)->empty()) {
    return domain::MakeError(
        domain::ErrorCode::kInvalidArgument,
        std::string(kBadRequest) + ": " + std::string(field) + " is required");
  }
  return std::move(**value);
}

Response AddOrgUser(const ApiDeps& deps, const Request& request,
                    const PathParams& params) {
  auto principal = CallerInPathOrg(deps, request, params);
  if (!principal) return ErrorToResponse(principal.error());
  auto body = ParseJsonObject(request, kBadRequest);
  if (!body) return ErrorToResponse(body.error());
  auto login = RequiredString(*body, "loginOrEmail");
  if (!login) return ErrorToResponse(login.error());
  auto role = RequiredString(*body, "role");
  if (!role) return ErrorToResponse(role.error());
  domain::AddOrgUser command{principal->org_id, *login, *role};
  return RunCommand(
      deps, *principal, request, command,
      [](const projections::Outcome& outcome) {
        const auto* added = FirstEvent<domain::OrgUserAdded>(outcome);
        const int64_t user = added == nullptr ? 0 : added->user_id;
        return JsonResponse(
            200, boost::json::object{{"message", "User added to organization"},
                                     {"userId", user}});
      });
}

Response UpdateOrgUser(const ApiDeps& deps, const Request& request,
                       const PathParams& params) {
  auto principal = CallerInPathOrg(deps, request, params);
  if (!principal) return ErrorToResponse(principal.error());
  auto user = ParseId(params.at("userId"), kBadUserId);
  if (!user) return ErrorToResponse(user.error());
  auto body = ParseJsonObject(request, kBadRequest);
  if (!body) return ErrorToResponse(body.error());
  auto role = RequiredString(*body, "role");
  if (!role) return ErrorToResponse(role.error());
  domain::UpdateOrgUser command{principal->org_id, *user, *role};
  return RunCommand(deps, *principal, request, command,
                    [](const projections::Outcome&) {
                      return SuccessMessage("Organization user updated");
                    });
}

Response RemoveOrgUser(const ApiDeps& deps, const Request& request,
                       const PathParams& params) {
  auto principal = CallerInPathOrg(deps, request, params);
  if (!principal) return ErrorToResponse(principal.error());
  auto user = ParseId(params.at("userId"), kBadUserId);
  if (!user) return ErrorToResponse(user.error());
  domain::RemoveOrgUser command{principal->org_id, *user};
  return RunCommand(deps, *principal, request, command,
                    [](const projections::Outcome&) {
                      return SuccessMessage("User removed from organization");
                    });
}

}  // namespace

void AddOrgUserRoutes(Router& router, const ApiDeps& deps) {
  router.Add("POST", "/api/orgs", [&deps](const Request& r, const PathParams&) {
    return CreateOrg(deps, r);
  });
  router.Add("GET", "/api/orgs", [&deps](const Request& r, const PathParams&) {
    return ListOrgs(deps, r);
  });
  router.Add("GET", "/api/orgs/:orgId/users",
             [&deps](const Request& r, const PathParams& p) {
               return ListOrgUsers(deps, r, p);
             });
  router.Add("POST", "/api/orgs/:orgId/users",
             [&deps](const Request& r, const PathParams& p) {
               return AddOrgUser(deps, r, p);
             });
  router.Add("PATCH", "/api/orgs/:orgId/users/:userId",
             [&deps](const Request& r, const PathParams& p) {
               return UpdateOrgUser(deps, r, p);
             });
  router.Add("DELETE", "/api/orgs/:orgId/users/:userId",
             [&deps](const Request& r, const PathParams& p) {
               return RemoveOrgUser(deps, r, p);
             });
  AddUserRoutes(router, deps);
}

}  // namespace keyledger::http
