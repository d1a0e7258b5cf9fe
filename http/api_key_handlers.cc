// Legacy API keys: GET/POST /api/auth/keys, DELETE /api/auth/keys/:id
// (reference §3.1; SPEC §5).

#include <boost/json/array.hpp>

#include "domain/key_format.h"
#include "domain/secret_hash.h"
#include "http/api_routes.h"
#include "http/command_runner.h"
#include "http/error_status.h"
#include "http/json_dto.h"
#include "http/request_context.h"
#include "http/write_route.h"
#include "projections/random_secret.h"

namespace keyledger::http {
namespace {

constexpr std::string_view kBadRequest = "bad request data";

// Legacy keys of the org, by name; expired ones (expires < now) only with
// includeExpired.
Response ListKeys(const ApiDeps& deps, const Request& request) {
  auto principal =
      AuthorizedFor(deps, request, domain::Permission::kApiKeysRead);
  if (!principal) return ErrorToResponse(principal.error());
  auto include_expired = QueryBool(request, "includeExpired", false);
  if (!include_expired) return ErrorToResponse(include_expired.error());
  const int64_t org = principal->org_id;
  const int64_t now = deps.ledger.Now();
  boost::json::array keys = deps.ledger.Read([&](const domain::State& state) {
    boost::json::array out;
    for (const domain::KeyRecord* record : state.key_by_org_name.Of(org)) {
      const domain::KeyRecord& key = *record;
      if (key.service_account_id) continue;
      if (!*include_expired && key.expires && *key.expires < now) continue;
      out.emplace_back(ApiKeyDto(key));
    }
    return out;
  });
  return JsonResponse(200, keys);
}

InlineResult CreateKey(const WriteCall& call, const PathParams&) {
  auto principal = call.Authorized(domain::Permission::kApiKeysWrite);
  if (!principal) return InlineStep::kDeclined;
  if (!*principal) return ErrorToResponse(principal->error());
  auto body = ParseJsonObject(call.request(), kBadRequest);
  if (!body) return ErrorToResponse(body.error());
  auto name = OptionalString(*body, "name", kBadRequest);
  if (!name) return ErrorToResponse(name.error());
  auto role = OptionalString(*body, "role", kBadRequest);
  if (!role) return ErrorToResponse(role.error());
  auto ttl = ParseTtlInput(*body, kBadRequest);
  if (!ttl) return ErrorToResponse(ttl.error());

  std::string k = projections::RandomAlnum(32);
  domain::CreateApiKey command{(*principal)->org_id, name->value_or(""),
                               role->value_or(""), *ttl,
                               domain::HashNewSecret(k)};
  AnswerFn success = [k = std::move(k)](const projections::Outcome& outcome) {
    const auto* created = FirstEvent<domain::ApiKeyCreated>(outcome);
    if (created == nullptr) return ErrorResponse(500, "Failed to add API Key");
    const std::string secret =
        domain::EncodeLegacyKey({k, created->name, created->org_id});
    return NoStore(JsonResponse(
        200, NewApiKeyResultDto(created->key_id, created->name, secret)));
  };
  AnswerFn after_restart = [](const projections::Outcome& outcome) {
    const auto* created = FirstEvent<domain::ApiKeyCreated>(outcome);
    if (created == nullptr) return ErrorResponse(500, "Failed to add API Key");
    return AlreadyCreated("API key", created->name, created->key_id);
  };
  return call.Run(**principal, command, std::move(success),
                  std::move(after_restart));
}

InlineResult DeleteKey(const WriteCall& call, const PathParams& params) {
  auto principal = call.Authorized(domain::Permission::kApiKeysWrite);
  if (!principal) return InlineStep::kDeclined;
  if (!*principal) return ErrorToResponse(principal->error());
  auto id = ParseId(params.at("id"), "id is invalid");
  if (!id) return ErrorToResponse(id.error());
  domain::DeleteApiKey command{(*principal)->org_id, *id};
  return call.Run(**principal, command, [](const projections::Outcome&) {
    return SuccessMessage("API key deleted");
  });
}

}  // namespace

void AddApiKeyRoutes(Router& router, const ApiDeps& deps) {
  router.Add("GET", "/api/auth/keys",
             [&deps](const Request& r, const PathParams&) {
               return ListKeys(deps, r);
             });
  AddWriteRoute(router, "POST", "/api/auth/keys", deps, &CreateKey);
  AddWriteRoute(router, "DELETE", "/api/auth/keys/:id", deps, &DeleteKey);
}

}  // namespace keyledger::http
