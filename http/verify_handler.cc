// GET /api/auth/verify (SPEC §8): an nginx `auth_request` target. 200 with
// X-Keyledger-Identity ("api-key:<id>", "service-account:<id>", or
// "user:<id>" for Basic user auth), X-Keyledger-Org-Id and X-Keyledger-Role;
// otherwise the authentication error (401 with the reason, or 403/400).

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serialize.hpp>

#include "http/api_routes.h"
#include "http/error_status.h"
#include "http/request_context.h"

namespace keyledger::http {
namespace {

std::string IdentityOf(const Principal& principal) {
  if (principal.key) {
    return principal.key->kind == domain::ActorKind::kApiKey
               ? "api-key:" + std::to_string(principal.key->key_id)
               : "service-account:" +
                     std::to_string(principal.key->service_account_id);
  }
  return "user:" + std::to_string(principal.actor.id);
}

Response VerifyResponse(const domain::Result<Principal>& principal) {
  if (!principal) return ErrorToResponse(principal.error());
  std::string identity = IdentityOf(*principal);
  const std::string role(domain::RoleName(principal->org_role));
  // Built in a stack buffer: no allocation but the serialized body.
  unsigned char storage[512];
  boost::json::monotonic_resource resource(storage);
  boost::json::object body(&resource);
  body.reserve(3);
  body.emplace("identity", identity);
  body.emplace("orgId", principal->org_id);
  body.emplace("role", role);
  Response response;
  response.body = boost::json::serialize(body);
  response.headers.reserve(3);
  response.headers.emplace_back("X-Keyledger-Identity", std::move(identity));
  response.headers.emplace_back("X-Keyledger-Org-Id",
                                std::to_string(principal->org_id));
  response.headers.emplace_back("X-Keyledger-Role", role);
  return response;
}

}  // namespace

void AddVerifyRoutes(Router& router, const ApiDeps& deps) {
  // Key authentication is answered on the I/O thread when it need not
  // block (the hot path of an nginx auth_request); the rest goes to the
  // handler pool.
  router.Add(
      "GET", "/api/auth/verify",
      [&deps](const Request& r, const PathParams&) {
        return VerifyResponse(Authenticated(deps, r));
      },
      [&deps](const Request& r, const PathParams&,
              const Responder&) -> InlineResult {
        auto principal = TryAuthenticated(deps, r);
        if (!principal) return InlineStep::kDeclined;
        return VerifyResponse(*principal);
      });
}

}  // namespace keyledger::http
