#include "http/command_runner.h"

#include <optional>

#include "http/error_status.h"
#include "http/idempotency_cache.h"
#include "http/request_context.h"

namespace keyledger::http {

Response RunCommand(const ApiDeps& deps, const Principal& principal,
                    const Request& request, const domain::Command& command,
                    const AnswerFn& success, const AnswerFn& after_restart) {
  // The key is stored in the event envelope (a Protobuf string): bytes that
  // are not UTF-8 would make the stored event unparseable, and every later
  // replay, verify or rebuild fail (found by fuzz_http_request).
  if (!IsValidIdempotencyKey(request.Header("Idempotency-Key"))) {
    return ErrorResponse(400,
                         "Bad request data: Idempotency-Key must be at most "
                         "255 printable ASCII characters");
  }
  projections::CommandMeta meta = MetaFor(principal, request);
  IdempotencyCache* cache = meta.idempotency ? deps.idempotency : nullptr;
  std::optional<IdempotencyCache::Claim> claim;
  if (cache != nullptr) {
    // A retry racing the first request waits here for its answer.
    claim.emplace(cache->ClaimKey(meta.idempotency->key));
    IdempotencyCache::Lookup lookup =
        cache->Find(meta.idempotency->key, meta.idempotency->fingerprint);
    if (lookup.match == IdempotencyCache::Match::kSame) return lookup.response;
    if (lookup.match == IdempotencyCache::Match::kDifferent) {
      return ErrorResponse(422,
                           "Idempotency-Key was already used for a different "
                           "request");
    }
  }
  auto outcome = deps.ledger.Execute(command, meta);
  if (!outcome) return ErrorToResponse(outcome.error());
  if (outcome->duplicate) {
    return after_restart ? after_restart(*outcome) : success(*outcome);
  }
  Response response = success(*outcome);
  if (cache != nullptr && response.status >= 200 && response.status < 300) {
    cache->Insert(meta.idempotency->key, meta.idempotency->fingerprint,
                  response);
  }
  return response;
}

Response AlreadyCreated(std::string_view what, std::string_view name,
                        int64_t id) {
  std::string message(what);
  message.append(" already created by this Idempotency-Key: ")
      .append(name)
      .append(" (id ")
      .append(std::to_string(id))
      .append(")");
  return ErrorResponse(409, message);
}

}  // namespace keyledger::http
