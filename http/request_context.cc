#include "http/request_context.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "domain/secret_hash.h"
#include "http/ops_handlers.h"

namespace keyledger::http {
namespace {

using domain::ErrorCode;
using domain::MakeError;

domain::Error BadRequest(std::string_view prefix, std::string_view what) {
  return MakeError(ErrorCode::kInvalidArgument,
                   std::string(prefix) + ": " + std::string(what));
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

bool IsJsonContentType(std::string_view content_type) {
  std::string type = Lower(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return type == "application/json" ||
         (type.starts_with("application/") && type.ends_with("+json"));
}

std::optional<int64_t> ParseInt64(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

namespace {

// A bounded label for keyledger_auth_results_total (no allocation: this is
// on every authenticated request).
std::string_view AuthResultLabel(const domain::Result<Principal>& result) {
  if (result) {
    // "success-<kind>" for every actor kind, formatted once.
    static const auto kSuccess = [] {
      std::vector<std::string> labels;
      for (int k = 0; k <= static_cast<int>(domain::kLastActorKind); ++k) {
        labels.push_back(
            "success-" +
            std::string(domain::ActorKindName(static_cast<domain::ActorKind>(k))));
      }
      return labels;
    }();
    const auto kind = static_cast<size_t>(result->actor.kind);
    return kind < kSuccess.size() ? std::string_view(kSuccess[kind]) : "success";
  }
  static const std::pair<std::string_view, std::string_view> kKnown[] = {
      {"Invalid API key", "invalid-api-key"},
      {"Expired API key", "expired"},
      {"Revoked API key", "revoked"},
      {"API key does not belong to the requested organization", "org-mismatch"},
      {"Service account is disabled", "disabled-service-account"},
      {"Invalid username or password", "invalid-password"}};
  for (const auto& [message, label] : kKnown) {
    if (result.error().message == message) return label;
  }
  return result.error().code == domain::ErrorCode::kUnauthenticated ? "unauthenticated"
                                                                     : "denied";
}

// Counts `result` unless the request's authentication is counted already.
void CountOnce(const ApiDeps& deps, const Request& request,
               const domain::Result<Principal>& result) {
  if (request.auth_counted) return;
  request.auth_counted = true;
  CountAuthResult(deps.metrics, AuthResultLabel(result));
}

}  // namespace

domain::Result<Principal> Authenticated(const ApiDeps& deps,
                                        const Request& request) {
  auto result = deps.authenticator.Authenticate(request);
  CountOnce(deps, request, result);
  return result;
}

std::optional<domain::Result<Principal>> TryAuthenticated(
    const ApiDeps& deps, const Request& request) {
  auto result = deps.authenticator.TryAuthenticate(request);
  if (result) CountOnce(deps, request, *result);
  return result;
}

namespace {

domain::Result<Principal> Authorized(const ApiDeps& deps,
                                     domain::Result<Principal> principal,
                                     domain::Permission permission) {
  if (!principal) return principal;
  auto allowed =
      domain::Authorize(permission, ContextFor(*principal, deps.ledger));
  if (!allowed) return allowed.error();
  return principal;
}

}  // namespace

domain::Result<Principal> AuthorizedFor(const ApiDeps& deps,
                                        const Request& request,
                                        domain::Permission permission) {
  return Authorized(deps, Authenticated(deps, request), permission);
}

std::optional<domain::Result<Principal>> TryAuthorizedFor(
    const ApiDeps& deps, const Request& request,
    domain::Permission permission) {
  auto principal = TryAuthenticated(deps, request);
  if (!principal) return std::nullopt;
  return Authorized(deps, std::move(*principal), permission);
}

bool IsValidIdempotencyKey(std::string_view key) {
  return key.size() <= 255 &&
         std::all_of(key.begin(), key.end(),
                     [](char c) { return c >= 0x20 && c <= 0x7e; });
}

std::optional<std::string> IdempotencyKey(const Request& request) {
  std::string_view key = request.Header("Idempotency-Key");
  if (key.empty()) return std::nullopt;
  return std::string(key);
}

namespace {

// The fingerprint is stored with the events, so a password in the body must
// not go into it: a fast hash of a low-entropy password can be brute-forced.
std::string BodyWithoutPassword(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(body, ec);
  if (ec || !parsed.is_object() || !parsed.as_object().contains("password")) {
    return body;
  }
  parsed.as_object().erase("password");
  return boost::json::serialize(parsed);
}

}  // namespace

std::string IdempotencyFingerprint(const Principal& principal,
                                   const Request& request) {
  std::string material;
  material.reserve(request.body.size() + 128);
  material.append(request.method).append("\n").append(request.path);
  material.append("\n").append(domain::ActorKindName(principal.actor.kind));
  material.append(":").append(std::to_string(principal.actor.id));
  material.append("@").append(std::to_string(principal.org_id));
  material.append("\n").append(BodyWithoutPassword(request.body));
  return domain::Sha256Hex(material);
}

projections::CommandMeta MetaFor(const Principal& principal,
                                 const Request& request) {
  projections::CommandMeta meta;
  meta.actor = principal.actor;
  meta.actor_role = principal.org_role;
  meta.actor_is_server_admin = principal.server_admin;
  meta.request_id = request.request_id;
  meta.client_address = request.client_address;
  if (std::optional<std::string> key = IdempotencyKey(request)) {
    meta.idempotency = eventstore::Idempotency{
        std::move(*key), IdempotencyFingerprint(principal, request)};
  }
  return meta;
}

domain::Context ContextFor(const Principal& principal,
                           const projections::Ledger& ledger) {
  domain::Context context;
  context.now = ledger.Now();
  context.actor = principal.actor;
  context.actor_role = principal.org_role;
  context.actor_is_server_admin = principal.server_admin;
  context.limits = ledger.limits();
  return context;
}

domain::Result<boost::json::object> ParseJsonObject(
    const Request& request, std::string_view bad_request_prefix) {
  std::string_view content_type = request.Header("Content-Type");
  if (!content_type.empty() && !IsJsonContentType(content_type)) {
    return BadRequest(bad_request_prefix,
                      "content type must be application/json");
  }
  if (std::all_of(request.body.begin(), request.body.end(),
                  [](unsigned char c) { return std::isspace(c); })) {
    return boost::json::object();
  }
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(request.body, ec);
  if (ec) return BadRequest(bad_request_prefix, "body is not valid JSON");
  if (!value.is_object()) {
    return BadRequest(bad_request_prefix, "body must be a JSON object");
  }
  return std::move(value.as_object());
}

domain::Result<std::optional<std::string>> OptionalString(
    const boost::json::object& object, std::string_view field,
    std::string_view prefix) {
  const boost::json::value* value = object.if_contains(field);
  if (value == nullptr || value->is_null()) return std::optional<std::string>();
  if (!value->is_string()) {
    return BadRequest(prefix, std::string(field) + " must be a string");
  }
  return std::optional<std::string>(std::string(value->as_string()));
}

domain::Result<std::optional<int64_t>> OptionalInt64(
    const boost::json::object& object, std::string_view field,
    std::string_view prefix) {
  const boost::json::value* value = object.if_contains(field);
  if (value == nullptr || value->is_null()) return std::optional<int64_t>();
  if (value->is_int64()) return std::optional<int64_t>(value->as_int64());
  if (value->is_double()) {
    const double d = value->as_double();
    // Range first: converting inf, NaN or an out-of-range double to an
    // integer is undefined behaviour (found by fuzz_json_body: 1e400).
    if (d < 9.2e18 && d > -9.2e18 && d == std::trunc(d)) {
      return std::optional<int64_t>(static_cast<int64_t>(d));
    }
  }
  return BadRequest(prefix, std::string(field) + " must be an integer");
}

domain::Result<std::optional<bool>> OptionalBool(
    const boost::json::object& object, std::string_view field,
    std::string_view prefix) {
  const boost::json::value* value = object.if_contains(field);
  if (value == nullptr || value->is_null()) return std::optional<bool>();
  if (!value->is_bool()) {
    return BadRequest(prefix, std::string(field) + " must be a boolean");
  }
  return std::optional<bool>(value->as_bool());
}

domain::Result<domain::TtlInput> ParseTtlInput(
    const boost::json::object& object, std::string_view prefix) {
  auto seconds = OptionalInt64(object, "secondsToLive", prefix);
  if (!seconds) return seconds.error();
  auto text = OptionalString(object, "timeToLive", prefix);
  if (!text) return text.error();
  return domain::TtlInput{*seconds, *text};
}

domain::Result<int64_t> ParseId(std::string_view text,
                                std::string_view message) {
  std::optional<int64_t> id = ParseInt64(text);
  if (!id) return MakeError(ErrorCode::kInvalidArgument, std::string(message));
  return *id;
}

domain::Result<bool> QueryBool(const Request& request, std::string_view name,
                               bool fallback) {
  std::string value = Lower(request.QueryValue(name));
  if (value.empty()) return fallback;
  if (value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  return MakeError(ErrorCode::kInvalidArgument,
                   std::string(name) + " is invalid");
}

domain::Result<int64_t> QueryInt(const Request& request, std::string_view name,
                                 int64_t fallback) {
  std::string_view value = request.QueryValue(name);
  if (value.empty()) return fallback;
  std::optional<int64_t> parsed = ParseInt64(value);
  if (!parsed) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string(name) + " is invalid");
  }
  return *parsed;
}

Response SuccessMessage(std::string_view message) {
  return ErrorResponse(200, message);
}

Response NoStore(Response response) {
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace keyledger::http
