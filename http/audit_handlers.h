#ifndef KEYLEDGER_HTTP_AUDIT_HANDLERS_H_
#define KEYLEDGER_HTTP_AUDIT_HANDLERS_H_

// GET /api/audit (keyledger's own, SPEC §8): the audit view, newest first.
//
//   ?actor=   "kind:id" (e.g. "user:2", "api-key:5") or the actor's login
//   ?target=  "kind:id" (e.g. "service-account:3") or the target's name
//   ?action=  event type, exactly (e.g. "ApiKeyCreated")
//   ?from= ?to=  inclusive instants: Unix seconds or RFC 3339
//   ?page=    1-based, default 1
//   ?perpage= 1..1000, default 100
//   ?orgId=   server admin only: one org's entries (0 = org-less entries
//             such as OrgCreated / UserCreated); others may only name their own
//
// -> 200 {"totalCount", "page", "perPage", "entries": [{"id" (global
// position), "time" (RFC 3339 UTC, milliseconds), "orgId", "actor": {"kind",
// "id", "login"}, "action", "target": {"kind", "id", "name"}, "outcome",
// "requestId", "clientAddress"}]}.
//
// Who reads what: org Admins (and Admin-role keys) read the entries of their
// org (the request's org); the server admin reads every org's entries unless
// ?orgId= narrows them (X-Grafana-Org-Id does not narrow: it only selects
// the org the admin acts in). Others 403. Bad parameters 400.

#include "http/api_deps.h"
#include "http/router.h"

namespace keyledger::http {

// REQUIRES: `deps` outlives `router`.
void AddAuditRoutes(Router& router, const ApiDeps& deps);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_AUDIT_HANDLERS_H_
