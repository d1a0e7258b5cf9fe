// API key -> service account migration, status, hiding, and revert
// (reference §3.3, §4.5-§4.8; SPEC §5, §8).

#include "http/api_routes.h"
#include "http/command_runner.h"
#include "http/error_status.h"
#include "http/json_dto.h"
#include "http/request_context.h"
#include "http/write_route.h"

namespace keyledger::http {
namespace {

using domain::Permission;

// The principal allowed to write service accounts; nullopt: it would block.
std::optional<domain::Result<Principal>> Writer(const WriteCall& call) {
  return call.Authorized(Permission::kServiceAccountsWrite);
}

InlineResult MigrateAll(const WriteCall& call, const PathParams&) {
  auto principal = Writer(call);
  if (!principal) return InlineStep::kDeclined;
  if (!*principal) return ErrorToResponse(principal->error());
  return call.Run(
      **principal, domain::MigrateAll{(*principal)->org_id},
      [](const projections::Outcome& outcome) {
        const auto* done = FirstEvent<domain::ApiKeysMigrationCompleted>(outcome);
        if (done == nullptr) return ErrorResponse(500, "Internal server error");
        return JsonResponse(200, MigrationResultDto(*done));
      });
}

InlineResult MigrateOne(const WriteCall& call, const PathParams& params) {
  auto principal = Writer(call);
  if (!principal) return InlineStep::kDeclined;
  if (!*principal) return ErrorToResponse(principal->error());
  auto key_id = ParseId(params.at("keyId"), "Key ID is invalid");
  if (!key_id) return ErrorToResponse(key_id.error());
  return call.Run(**principal, domain::MigrateKey{(*principal)->org_id, *key_id},
                  [](const projections::Outcome&) {
                    return SuccessMessage("Service accounts migrated");
                  });
}

// {"migrated": bool, "apiKeysHidden": bool}; the second is for the web UI.
Response MigrationStatus(const ApiDeps& deps, const Request& request) {
  auto principal =
      AuthorizedFor(deps, request, Permission::kServiceAccountsRead);
  if (!principal) return ErrorToResponse(principal.error());
  const int64_t org = principal->org_id;
  boost::json::object status =
      deps.ledger.Read([org](const domain::State& state) {
        auto it = state.orgs.find(org);
        const bool migrated = it != state.orgs.end() && it->second.api_keys_migrated;
        const bool hidden = it != state.orgs.end() && it->second.api_keys_hidden;
        return boost::json::object{{"migrated", migrated},
                                   {"apiKeysHidden", hidden}};
      });
  return JsonResponse(200, status);
}

InlineResult HideApiKeys(const WriteCall& call, const PathParams&) {
  auto principal = Writer(call);
  if (!principal) return InlineStep::kDeclined;
  if (!*principal) return ErrorToResponse(principal->error());
  return call.Run(**principal, domain::HideApiKeys{(*principal)->org_id},
                  [](const projections::Outcome&) {
                    return SuccessMessage("API keys hidden");
                  });
}

InlineResult Revert(const WriteCall& call, const PathParams& params) {
  auto principal = Writer(call);
  if (!principal) return InlineStep::kDeclined;
  if (!*principal) return ErrorToResponse(principal->error());
  auto sa_id = ParseId(params.at("id"), "Service Account ID is invalid");
  if (!sa_id) return ErrorToResponse(sa_id.error());
  auto key_id = ParseId(params.at("keyId"), "Key ID is invalid");
  if (!key_id) return ErrorToResponse(key_id.error());
  return call.Run(
      **principal, domain::RevertToken{(*principal)->org_id, *sa_id, *key_id},
      [](const projections::Outcome&) {
        return SuccessMessage("Reverted service account to API key");
      });
}

}  // namespace

void AddMigrationRoutes(Router& router, const ApiDeps& deps) {
  AddWriteRoute(router, "POST", "/api/serviceaccounts/migrate", deps,
                &MigrateAll);
  AddWriteRoute(router, "POST", "/api/serviceaccounts/migrate/:keyId", deps,
                &MigrateOne);
  router.Add("GET", "/api/serviceaccounts/migrationstatus",
             [&deps](const Request& r, const PathParams&) {
               return MigrationStatus(deps, r);
             });
  AddWriteRoute(router, "POST", "/api/serviceaccounts/hideApiKeys", deps,
                &HideApiKeys);
  for (const char* method : {"POST", "DELETE"}) {
    AddWriteRoute(router, method, "/api/serviceaccounts/:id/revert/:keyId",
                  deps, &Revert);
  }
}

}  // namespace keyledger::http
