#ifndef KEYLEDGER_HTTP_COMMAND_RUNNER_H_
#define KEYLEDGER_HTTP_COMMAND_RUNNER_H_

// Runs one write command for a handler, with Idempotency-Key semantics
// (SPEC §3): a retry with the same key and request gets the first answer
// (from deps.idempotency, in memory); after a restart (cache miss, but the
// store reports a duplicate) it gets `after_restart` — for creates a 409
// naming what was created, for other commands their success body rebuilt
// from the recorded events; the same key with another request is 422.

#include <functional>

#include "domain/commands.h"
#include "http/api_deps.h"
#include "http/principal.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "projections/ledger.h"

namespace keyledger::http {

// Builds the answer from what the command appended (or had appended).
using AnswerFn = std::function<Response(const projections::Outcome&)>;

// Executes `command` as `principal` and answers `success(outcome)` (cached
// when the request has an Idempotency-Key and the status is 2xx), or the
// error mapped by ErrorToResponse. `after_restart` null = `success`.
Response RunCommand(const ApiDeps& deps, const Principal& principal,
                    const Request& request, const domain::Command& command,
                    const AnswerFn& success,
                    const AnswerFn& after_restart = nullptr);

// RunCommand for an InlineHandler (an I/O thread): never blocks. Submits
// the command and answers through `respond` once it is durable (kDeferred:
// `success` and `after_restart` then run on the I/O thread, so they must
// own what they use), answers at once (a replay from the idempotency cache,
// a bad key), or declines (kDeclined) when it would wait for a retry of the
// same Idempotency-Key or `respond` is empty.
InlineResult TryRunCommandAsync(const ApiDeps& deps,
                                const Principal& principal,
                                const Request& request,
                                const domain::Command& command,
                                AnswerFn success, AnswerFn after_restart,
                                const Responder& respond);

// A 409 answer for a retried create whose first answer is lost: "<what>
// already created by this Idempotency-Key: <name> (id <id>)".
Response AlreadyCreated(std::string_view what, std::string_view name,
                        int64_t id);

// The first event of type T in `outcome`, or null.
template <typename T>
const T* FirstEvent(const projections::Outcome& outcome) {
  for (const domain::Event& event : outcome.events) {
    if (const T* typed = std::get_if<T>(&event)) return typed;
  }
  return nullptr;
}

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_COMMAND_RUNNER_H_
