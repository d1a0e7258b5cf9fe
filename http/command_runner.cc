#include "http/command_runner.h"

#include <memory>
#include <optional>
#include <variant>

#include "http/error_status.h"
#include "http/idempotency_cache.h"
#include "http/request_context.h"

namespace keyledger::http {
namespace {

// A command between its checks and its answer: what RunCommand and
// TryRunCommandAsync share.
struct Run {
  projections::CommandMeta meta;
  IdempotencyCache* cache = nullptr;  // set when the request has a key
  std::optional<IdempotencyCache::Claim> claim;
};

// What the checks before a command decided when it is to go on: execute
// it, or (not waiting) decline because a racing request holds its key.
enum class Begun { kExecute, kWouldWait };

// The checks before a command executes: a bad Idempotency-Key (400), a key
// answered before (its first answer, or 422 for another request). Claims
// the key (`wait`: until a retry racing this request has its answer; else
// kWouldWait when another request holds it). Returns the answer when there
// is nothing to execute.
std::variant<Response, Begun> Begin(const ApiDeps& deps,
                                    const Principal& principal,
                                    const Request& request, bool wait,
                                    Run& run) {
  // The key is stored in the event envelope (a Protobuf string): bytes that
  // are not UTF-8 would make the stored event unparseable, and every later
  // replay, verify or rebuild fail (found by fuzz_http_request).
  if (!IsValidIdempotencyKey(request.Header("Idempotency-Key"))) {
    return ErrorResponse(400,
                         "Bad request data: Idempotency-Key must be at most "
                         "255 printable ASCII characters");
  }
  run.meta = MetaFor(principal, request);
  if (!run.meta.idempotency || deps.idempotency == nullptr) {
    return Begun::kExecute;
  }
  run.cache = deps.idempotency;
  const eventstore::Idempotency& key = *run.meta.idempotency;
  if (wait) {
    run.claim.emplace(run.cache->ClaimKey(key.key));
  } else {
    std::optional<IdempotencyCache::Claim> claim =
        run.cache->TryClaimKey(key.key);
    if (!claim) return Begun::kWouldWait;
    run.claim.emplace(std::move(*claim));
  }
  IdempotencyCache::Lookup lookup = run.cache->Find(key.key, key.fingerprint);
  if (lookup.match == IdempotencyCache::Match::kSame) return lookup.response;
  if (lookup.match == IdempotencyCache::Match::kDifferent) {
    return ErrorResponse(422,
                         "Idempotency-Key was already used for a different "
                         "request");
  }
  return Begun::kExecute;
}

// The answer to an executed command; a 2xx is cached under its key (the
// claim is released after, when `run` goes).
Response Complete(Run& run, const domain::Result<projections::Outcome>& outcome,
                  const AnswerFn& success, const AnswerFn& after_restart) {
  if (!outcome) return ErrorToResponse(outcome.error());
  if (outcome->duplicate) {
    return after_restart ? after_restart(*outcome) : success(*outcome);
  }
  Response response = success(*outcome);
  if (run.cache != nullptr && response.status >= 200 && response.status < 300) {
    run.cache->Insert(run.meta.idempotency->key,
                      run.meta.idempotency->fingerprint, response);
  }
  return response;
}

}  // namespace

Response RunCommand(const ApiDeps& deps, const Principal& principal,
                    const Request& request, const domain::Command& command,
                    const AnswerFn& success, const AnswerFn& after_restart) {
  Run run;
  auto begun = Begin(deps, principal, request, /*wait=*/true, run);
  if (auto* answer = std::get_if<Response>(&begun)) return *answer;
  return Complete(run, deps.ledger.Execute(command, run.meta), success,
                  after_restart);
}

InlineResult TryRunCommandAsync(const ApiDeps& deps,
                                const Principal& principal,
                                const Request& request,
                                const domain::Command& command,
                                AnswerFn success, AnswerFn after_restart,
                                const Responder& respond) {
  if (!respond) return InlineStep::kDeclined;
  auto run = std::make_shared<Run>();
  auto begun = Begin(deps, principal, request, /*wait=*/false, *run);
  if (auto* answer = std::get_if<Response>(&begun)) return *answer;
  if (std::get<Begun>(begun) == Begun::kWouldWait) return InlineStep::kDeclined;
  projections::CommandMeta meta = run->meta;
  // On the writer thread: only hands the outcome to the I/O thread.
  // Called once: it moves what it holds on to the answer.
  deps.ledger.ExecuteAsync(
      command, std::move(meta),
      [run, respond, success = std::move(success),
       after_restart = std::move(after_restart)](
          domain::Result<projections::Outcome> outcome) mutable {
        respond([run = std::move(run), success = std::move(success),
                 after_restart = std::move(after_restart),
                 outcome = std::move(outcome)]() {
          return Complete(*run, outcome, success, after_restart);
        });
      });
  return InlineStep::kDeferred;
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
