#ifndef KEYLEDGER_HTTP_API_ROUTES_H_
#define KEYLEDGER_HTTP_API_ROUTES_H_

// The key-lifecycle routes, one registration function per resource. Every
// handler authenticates, parses, and hands one command to the ledger (or
// reads its state); it holds no business rule.

#include <cstdint>
#include <optional>

#include "domain/state.h"
#include "http/api_deps.h"
#include "http/router.h"

namespace keyledger::http {

// GET/POST /api/auth/keys, DELETE /api/auth/keys/:id.
void AddApiKeyRoutes(Router& router, const ApiDeps& deps);
// GET /api/serviceaccounts/search, POST /api/serviceaccounts,
// GET/PATCH/DELETE /api/serviceaccounts/:id.
void AddServiceAccountRoutes(Router& router, const ApiDeps& deps);
// GET/POST /api/serviceaccounts/:id/tokens, DELETE .../tokens/:tokenId,
// POST .../tokens/:tokenId/revoke.
void AddTokenRoutes(Router& router, const ApiDeps& deps);
// migrate, migrate/:keyId, migrationstatus, hideApiKeys, :id/revert/:keyId.
void AddMigrationRoutes(Router& router, const ApiDeps& deps);
// The service account `id` when it exists in `org` (read-your-writes).
std::optional<domain::ServiceAccountRecord> FindServiceAccount(
    const projections::Ledger& ledger, int64_t org, int64_t id);
// Whether the service account `id` exists in `org`, for a check that can
// only reject (Ledger::ReadLatest; the command's Decide checks again).
// nullopt: `may_block` is false and the check would wait for a lock.
std::optional<bool> ServiceAccountExists(const projections::Ledger& ledger,
                                         int64_t org, int64_t id,
                                         bool may_block);

// GET /api/auth/verify.
void AddVerifyRoutes(Router& router, const ApiDeps& deps);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_API_ROUTES_H_
