// Service-account tokens: list, create, delete (reference §3.3) and our
// revoke (SPEC §8).

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

constexpr std::string_view kBadRequest = "Bad request data";
constexpr std::string_view kBadSaId = "Service Account ID is invalid";
constexpr std::string_view kBadTokenId = "Token ID is invalid";

using domain::Permission;

// The account's tokens by name; unknown account in the org -> 404 (SPEC §8).
Response ListTokens(const ApiDeps& deps, const Request& request,
                    const PathParams& params) {
  auto principal =
      AuthorizedFor(deps, request, Permission::kServiceAccountsRead);
  if (!principal) return ErrorToResponse(principal.error());
  auto sa_id = ParseId(params.at("id"), kBadSaId);
  if (!sa_id) return ErrorToResponse(sa_id.error());
  const int64_t org = principal->org_id;
  const int64_t now = deps.ledger.Now();
  std::optional<boost::json::array> tokens =
      deps.ledger.Read([&](const domain::State& state) {
        auto sa = state.service_accounts.find(*sa_id);
        if (sa == state.service_accounts.end() || sa->second.org_id != org) {
          return std::optional<boost::json::array>();
        }
        boost::json::array out;
        for (const domain::KeyRecord* token :
             state.token_by_sa_name.Of(*sa_id)) {
          out.emplace_back(TokenDto(*token, now));
        }
        return std::optional(std::move(out));
      });
  if (!tokens) return ErrorResponse(404, "service account not found");
  return JsonResponse(200, *tokens);
}

// POST .../tokens.
InlineResult CreateToken(const WriteCall& call, const PathParams& params) {
  const ApiDeps& deps = call.deps();
  auto principal = call.Authorized(Permission::kServiceAccountsWrite);
  if (!principal) return InlineStep::kDeclined;
  if (!*principal) return ErrorToResponse(principal->error());
  const int64_t org = (*principal)->org_id;
  auto sa_id = ParseId(params.at("id"), kBadSaId);
  if (!sa_id) return ErrorToResponse(sa_id.error());
  std::optional<bool> exists =
      ServiceAccountExists(deps.ledger, org, *sa_id, call.may_block());
  if (!exists) return InlineStep::kDeclined;
  if (!*exists) return ErrorResponse(404, "service account not found");
  auto body = ParseJsonObject(call.request(), kBadRequest);
  if (!body) return ErrorToResponse(body.error());
  auto name = OptionalString(*body, "name", kBadRequest);
  if (!name) return ErrorToResponse(name.error());
  auto ttl = ParseTtlInput(*body, kBadRequest);
  if (!ttl) return ErrorToResponse(ttl.error());

  std::string secret = projections::RandomAlnum(32);
  domain::CreateToken command{org, *sa_id, name->value_or(""), *ttl,
                              domain::HashNewSecret(secret)};
  AnswerFn success = [secret = std::move(secret)](
                         const projections::Outcome& outcome) {
    const auto* created = FirstEvent<domain::TokenCreated>(outcome);
    if (created == nullptr) {
      return ErrorResponse(500, "Failed to add service account token");
    }
    return NoStore(JsonResponse(
        200, NewApiKeyResultDto(created->key_id, created->name,
                                domain::EncodeToken("sa", secret))));
  };
  AnswerFn after_restart = [](const projections::Outcome& outcome) {
    const auto* created = FirstEvent<domain::TokenCreated>(outcome);
    if (created == nullptr) {
      return ErrorResponse(500, "Failed to add service account token");
    }
    return AlreadyCreated("Service account token", created->name,
                          created->key_id);
  };
  return call.Run(**principal, command, std::move(success),
                  std::move(after_restart));
}

// DELETE .../tokens/:tokenId and POST .../tokens/:tokenId/revoke.
template <typename Command>
InlineResult ChangeToken(const WriteCall& call, const PathParams& params,
                         std::string_view answer) {
  auto principal = call.Authorized(Permission::kServiceAccountsWrite);
  if (!principal) return InlineStep::kDeclined;
  if (!*principal) return ErrorToResponse(principal->error());
  auto sa_id = ParseId(params.at("id"), kBadSaId);
  if (!sa_id) return ErrorToResponse(sa_id.error());
  auto token_id = ParseId(params.at("tokenId"), kBadTokenId);
  if (!token_id) return ErrorToResponse(token_id.error());
  Command command{(*principal)->org_id, *sa_id, *token_id};
  return call.Run(**principal, command,
                  [answer](const projections::Outcome&) {
                    return SuccessMessage(answer);
                  });
}

}  // namespace

void AddTokenRoutes(Router& router, const ApiDeps& deps) {
  router.Add("GET", "/api/serviceaccounts/:id/tokens",
             [&deps](const Request& r, const PathParams& p) {
               return ListTokens(deps, r, p);
             });
  AddWriteRoute(router, "POST", "/api/serviceaccounts/:id/tokens", deps,
                &CreateToken);
  AddWriteRoute(router, "DELETE", "/api/serviceaccounts/:id/tokens/:tokenId",
                deps, [](const WriteCall& call, const PathParams& p) {
                  return ChangeToken<domain::DeleteToken>(
                      call, p, "Service account token deleted");
                });
  AddWriteRoute(router, "POST",
                "/api/serviceaccounts/:id/tokens/:tokenId/revoke", deps,
                [](const WriteCall& call, const PathParams& p) {
                  return ChangeToken<domain::RevokeToken>(
                      call, p, "Service account token revoked");
                });
}

}  // namespace keyledger::http
