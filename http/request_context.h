#ifndef KEYLEDGER_HTTP_REQUEST_CONTEXT_H_
#define KEYLEDGER_HTTP_REQUEST_CONTEXT_H_

// Helpers every API handler shares: who is asking (authentication), the
// CommandMeta / domain::Context for a Principal, and input parsing that turns
// every client mistake into kInvalidArgument (400) with a clear message.
// Typical handler:
//
//   Response Handle(const ApiDeps& deps, const Request& request, ...) {
//     auto principal = Authenticated(deps, request);
//     if (!principal) return ErrorToResponse(principal.error());
//     auto body = ParseJsonObject(request, "Bad request data");
//     if (!body) return ErrorToResponse(body.error());
//     auto name = OptionalString(*body, "name", "Bad request data");
//     ...
//     auto outcome = deps.ledger.Execute(command, MetaFor(*principal, request));
//   }

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/authorize.h"
#include "domain/commands.h"
#include "domain/context.h"
#include "domain/error.h"
#include "eventstore/event_store.h"
#include "http/api_deps.h"
#include "http/principal.h"
#include "http/request.h"
#include "projections/ledger.h"

namespace keyledger::http {

// deps.authenticator.Authenticate(request): the Principal, or kUnauthenticated
// (401) / kPermissionDenied (403) / kInvalidArgument (400, bad org header).
// On a key or token it also hands the key's use to the key-use recorder.
[[nodiscard]] domain::Result<Principal> Authenticated(const ApiDeps& deps,
                                                      const Request& request);

// Authenticated() without blocking (an I/O thread): nullopt when it would
// block (see Authenticator::TryAuthenticate).
[[nodiscard]] std::optional<domain::Result<Principal>> TryAuthenticated(
    const ApiDeps& deps, const Request& request);

// Authenticated(), then domain::Authorize(permission, ContextFor(...)): for
// reads (Decide authorizes commands itself).
[[nodiscard]] domain::Result<Principal> AuthorizedFor(
    const ApiDeps& deps, const Request& request, domain::Permission permission);
// AuthorizedFor() without blocking: nullopt when authentication would block.
[[nodiscard]] std::optional<domain::Result<Principal>> TryAuthorizedFor(
    const ApiDeps& deps, const Request& request, domain::Permission permission);

// The CommandMeta for a command issued by `principal`: actor, role in
// principal.org_id, server-admin flag, request id, client address, and the
// Idempotency{key, IdempotencyFingerprint(...)} when the request carries an
// `Idempotency-Key` header (then a retry appends nothing, see ledger.h).
projections::CommandMeta MetaFor(const Principal& principal,
                                 const Request& request);

// The decision context for reads that call domain::Authorize: ledger.Now(),
// the principal's actor, role and server-admin flag, ledger.limits().
domain::Context ContextFor(const Principal& principal,
                           const projections::Ledger& ledger);

// The `Idempotency-Key` header, or nullopt when absent or empty.
std::optional<std::string> IdempotencyKey(const Request& request);
// True when `key` (an Idempotency-Key value) is empty (absent) or 1 to 255
// printable ASCII characters (0x20-0x7E); writes refuse any other with 400.
bool IsValidIdempotencyKey(std::string_view key);
// Hex SHA-256 over method, path, body and the principal (actor kind, id,
// org): equal for a faithful retry, different for any other request.
std::string IdempotencyFingerprint(const Principal& principal,
                                   const Request& request);

// The body as a JSON object. An empty body is {} (Grafana treats it so).
// Errors (all kInvalidArgument "<prefix>: <what>"): Content-Type present and
// not application/json ("... content type must be application/json"), not
// JSON, not an object.
[[nodiscard]] domain::Result<boost::json::object> ParseJsonObject(
    const Request& request, std::string_view bad_request_prefix);

// Typed optional fields of a JSON object: nullopt when absent or null;
// kInvalidArgument "<prefix>: <field> must be a <type>" on a wrong type.
// Unknown fields are ignored by design (Grafana ignores them).
[[nodiscard]] domain::Result<std::optional<std::string>> OptionalString(
    const boost::json::object& object, std::string_view field,
    std::string_view prefix);
[[nodiscard]] domain::Result<std::optional<int64_t>> OptionalInt64(
    const boost::json::object& object, std::string_view field,
    std::string_view prefix);
[[nodiscard]] domain::Result<std::optional<bool>> OptionalBool(
    const boost::json::object& object, std::string_view field,
    std::string_view prefix);

// "secondsToLive" (integer) and "timeToLive" (string) of a create body, as
// given; Decide checks that at most one is set and their values.
[[nodiscard]] domain::Result<domain::TtlInput> ParseTtlInput(
    const boost::json::object& object, std::string_view prefix);

// A decimal int64 id from a path segment, or kInvalidArgument `message`
// (e.g. "Service Account ID is invalid"). Accepts only [+-]?[0-9]+ in range.
[[nodiscard]] domain::Result<int64_t> ParseId(std::string_view text,
                                              std::string_view message);

// Query parameters. Absent or empty -> `fallback`. Bools accept
// true/false/1/0 (case-insensitive); ints accept a decimal int64. Otherwise
// kInvalidArgument "<name> is invalid".
[[nodiscard]] domain::Result<bool> QueryBool(const Request& request,
                                             std::string_view name,
                                             bool fallback);
[[nodiscard]] domain::Result<int64_t> QueryInt(const Request& request,
                                               std::string_view name,
                                               int64_t fallback);

// 200 {"message": message} (Grafana's response.Success).
Response SuccessMessage(std::string_view message);

// `response` with Cache-Control: no-store (for any body carrying a secret).
Response NoStore(Response response);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_REQUEST_CONTEXT_H_
