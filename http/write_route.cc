#include "http/write_route.h"

#include <utility>

#include "http/request_context.h"

namespace keyledger::http {

std::optional<domain::Result<Principal>> WriteCall::Authorized(
    domain::Permission permission) const {
  if (may_block()) return AuthorizedFor(deps_, request_, permission);
  return TryAuthorizedFor(deps_, request_, permission);
}

InlineResult WriteCall::Run(const Principal& principal,
                            const domain::Command& command, AnswerFn success,
                            AnswerFn after_restart) const {
  if (may_block()) {
    return RunCommand(deps_, principal, request_, command, success,
                      after_restart);
  }
  return TryRunCommandAsync(deps_, principal, request_, command,
                            std::move(success), std::move(after_restart),
                            *respond_);
}

void AddWriteRoute(Router& router, std::string method, std::string_view pattern,
                   const ApiDeps& deps, WriteHandler handler) {
  router.Add(
      std::move(method), pattern,
      [&deps, handler](const Request& r, const PathParams& p) {
        return std::get<Response>(handler(WriteCall(deps, r, nullptr), p));
      },
      [&deps, handler](const Request& r, const PathParams& p,
                       const Responder& respond) {
        return handler(WriteCall(deps, r, &respond), p);
      });
}

}  // namespace keyledger::http
