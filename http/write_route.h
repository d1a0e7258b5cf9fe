#ifndef KEYLEDGER_HTTP_WRITE_ROUTE_H_
#define KEYLEDGER_HTTP_WRITE_ROUTE_H_

// Write routes written once and served from either side: on an I/O thread
// when nothing would block (the command's answer comes back when it is
// durable, no handler thread waits for the fsync), else on a handler
// thread. A WriteCall says which, and does the steps that differ.
//
//   InlineResult CreateThing(const WriteCall& call, const PathParams& p) {
//     auto principal = call.Authorized(Permission::kThingsWrite);
//     if (!principal) return InlineStep::kDeclined;  // would block
//     if (!*principal) return ErrorToResponse(principal->error());
//     ... parse, build `command` ...
//     return call.Run(**principal, command, success, after_restart);
//   }
//   AddWriteRoute(router, "POST", "/api/things", deps, CreateThing);
//
// The answer callbacks may run after the handler returned (on the I/O
// thread): they must own what they use (capture by value), and they must
// not block (no Ledger::Read). Routes whose checks or answers read the
// committed state (org and user administration, a service account's
// update, whose answer is the updated profile) stay plain handler-pool
// routes.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "domain/authorize.h"
#include "http/api_deps.h"
#include "http/command_runner.h"
#include "http/principal.h"
#include "http/router.h"

namespace keyledger::http {

class WriteCall {
 public:
  // `respond` null: on a handler thread (may block, answers by return).
  WriteCall(const ApiDeps& deps, const Request& request,
            const Responder* respond)
      : deps_(deps), request_(request), respond_(respond) {}

  const ApiDeps& deps() const { return deps_; }
  const Request& request() const { return request_; }
  bool may_block() const { return respond_ == nullptr; }

  // AuthorizedFor(); nullopt when it would block (only on an I/O thread).
  std::optional<domain::Result<Principal>> Authorized(
      domain::Permission permission) const;
  // RunCommand on a handler thread, TryRunCommandAsync on an I/O thread.
  InlineResult Run(const Principal& principal, const domain::Command& command,
                   AnswerFn success, AnswerFn after_restart = nullptr) const;

 private:
  const ApiDeps& deps_;
  const Request& request_;
  const Responder* respond_;
};

using WriteHandler =
    std::function<InlineResult(const WriteCall&, const PathParams&)>;

// Adds `handler` as the route's Handler (handler thread) and InlineHandler
// (I/O thread). On a handler thread it must answer (never decline).
void AddWriteRoute(Router& router, std::string method, std::string_view pattern,
                   const ApiDeps& deps, WriteHandler handler);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_WRITE_ROUTE_H_
