#include "http/session_dispatch.h"

#include <utility>
#include <variant>

#include "http/response_headers.h"

namespace keyledger::http {
namespace {

// A routed response made whole: handler error logged, its path's kind.
Answer Finish(ServerState& state, const Request& request, Response response,
              DispatchInfo& info) {
  if (!info.handler_error.empty()) {
    state.log.Error(request.request_id, "handler for " + info.route +
                                            " threw: " + info.handler_error);
  }
  return Answer{std::move(response), std::move(info.route), request.request_id,
                IsApiPath(request.path)};
}

}  // namespace

InlineOutcome TryHandleInline(ServerState& state, Request& request,
                              const Responder& respond) {
  DispatchInfo info;
  if (!ParseTarget(request.target, request)) {
    request.path = request.target.substr(0, request.target.find('?'));
    return {Finish(state, request,
                   ErrorResponse(400, "bad request: invalid request target"),
                   info),
            InlineStep::kDeclined, {}};
  }
  InlineResult result = state.router.TryDispatchInline(request, respond, &info);
  if (auto* step = std::get_if<InlineStep>(&result)) {
    return {std::nullopt, *step, std::move(info.route)};
  }
  return {Finish(state, request, std::move(std::get<Response>(result)), info),
          InlineStep::kDeclined, {}};
}

Answer Handle(ServerState& state, const Request& request) {
  DispatchInfo info;
  Response response = state.router.Dispatch(request, &info);
  return Finish(state, request, std::move(response), info);
}

Answer FinishDeferred(ServerState& state, DeferredRequest deferred,
                      const AnswerThunk& answer) {
  Request request;
  request.path = std::move(deferred.path);
  request.request_id = std::move(deferred.request_id);
  DispatchInfo info;
  info.route = std::move(deferred.route);
  Response response = RunDeferredAnswer(answer, info);
  return Finish(state, request, std::move(response), info);
}

}  // namespace keyledger::http
