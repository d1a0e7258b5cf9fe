#ifndef KEYLEDGER_HTTP_ORG_USER_HANDLERS_H_
#define KEYLEDGER_HTTP_ORG_USER_HANDLERS_H_

// The minimum of Grafana's org and user API needed to have org roles
// (SPEC §5, §8). Shapes follow grafana-openapi-subset.json.
//
//   POST   /api/orgs                        server admin (kOrgsWrite). {"name"}
//          -> 200 {"orgId", "message": "Organization created"}; duplicate
//          name 409 "Organization name taken". The creator is not made a
//          member (Grafana adds it as Admin; the server admin needs no
//          membership here).
//   GET    /api/orgs                        server admin (kOrgsRead).
//          ?query= (case-insensitive substring), ?name= (exact), ?page=,
//          ?perpage= (default and max 1000) -> [OrgDTO{id, name}] by name.
//   POST   /api/admin/users                 server admin (kUsersWrite).
//          {"name", "email", "login", "password"} -> 200 {"id", "message":
//          "User created"}. An empty login takes the email. The user joins
//          no org (Grafana's auto_assign_org is not implemented): add it
//          with POST /api/orgs/:orgId/users. Duplicate login/email 409
//          (Grafana answers 412).
//   GET    /api/orgs/:orgId/users           kOrgUsersRead in :orgId (its org
//          Admins, the server admin) -> [OrgUserDTO] by login; unknown org
//          404 "Organization not found".
//   POST   /api/orgs/:orgId/users           kOrgUsersWrite in :orgId.
//          {"loginOrEmail", "role"} -> {"message": "User added to
//          organization", "userId"}.
//   PATCH  /api/orgs/:orgId/users/:userId   {"role"} -> {"message":
//          "Organization user updated"}.
//   DELETE /api/orgs/:orgId/users/:userId   {"message": "User removed from
//          organization"}.
//   GET    /api/user                        the signed-in user's
//          UserProfileDTO in the request's org. A key or token identifies no
//          user: 404 "User not found" (as Grafana, whose user lookup for an
//          API key's user id 0 fails).
//
// The caller's role for /api/orgs/:orgId/... is its role in :orgId (a user's
// membership there; a key's role only in its own org), as Grafana's
// authorizeInOrg does; X-Grafana-Org-Id does not matter for these routes.

#include "http/api_deps.h"
#include "http/router.h"

namespace keyledger::http {

// REQUIRES: `deps` outlives `router`.
void AddOrgUserRoutes(Router& router, const ApiDeps& deps);

// POST /api/admin/users and GET /api/user (user_handlers.cc); called by
// AddOrgUserRoutes.
void AddUserRoutes(Router& router, const ApiDeps& deps);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_ORG_USER_HANDLERS_H_
