#ifndef KEYLEDGER_HTTP_SESSION_DISPATCH_H_
#define KEYLEDGER_HTTP_SESSION_DISPATCH_H_

// Internal to http/: what a session does with a parsed Request, without
// Beast: route it on the I/O thread (answer, defer or decline), on a
// handler thread, or finish a deferred answer; each answer is made whole
// (handler error logged, whether it is under /api).

#include <optional>
#include <string>

#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/server_state.h"

namespace keyledger::http {

// An answer made whole, carried to the session's I/O thread.
struct Answer {
  Response response;
  std::string route;
  std::string request_id;
  bool api = false;  // see WireContext
};

// What the I/O thread made of a request: an answer, or a step (declined:
// Handle runs on a handler thread; deferred: the route answers through the
// session's Responder) with the matched route.
struct InlineOutcome {
  std::optional<Answer> answer;
  InlineStep step = InlineStep::kDeclined;
  std::string route;
};

// Runs on the I/O thread: target parsing, and the answer when it needs no
// blocking work (a bad target, no route, a route's InlineHandler).
InlineOutcome TryHandleInline(ServerState& state, Request& request,
                              const Responder& respond);

// Runs on a handler thread, after TryHandleInline declined.
Answer Handle(ServerState& state, const Request& request);

// What a deferred request keeps until its answer comes.
struct DeferredRequest {
  std::string path, request_id, route;
};

// Runs a deferred answer's thunk (guarded like a handler) on the I/O thread.
Answer FinishDeferred(ServerState& state, DeferredRequest deferred,
                      const AnswerThunk& answer);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_SESSION_DISPATCH_H_
