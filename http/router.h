#ifndef KEYLEDGER_HTTP_ROUTER_H_
#define KEYLEDGER_HTTP_ROUTER_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "http/request.h"
#include "http/response.h"

namespace keyledger::http {

// Values of the ":name" segments of the matched pattern, percent-decoded.
using PathParams = std::map<std::string, std::string>;

// A handler is a plain function. It may block (e.g. wait for an fsync): the
// server runs it on a handler thread, never on an I/O thread. It may run
// concurrently with itself and with other handlers.
using Handler = std::function<Response(const Request&, const PathParams&)>;

// Builds a deferred answer; run on the request's I/O thread.
using AnswerThunk = std::function<Response()>;
// Takes a deferred answer, from any thread, once: the thunk runs on the
// request's I/O thread (so a writer thread only hands it over).
using Responder = std::function<void(AnswerThunk)>;

// What an InlineHandler did instead of answering at once.
enum class InlineStep {
  kDeclined,  // answering would block: the route's Handler runs instead
  kDeferred,  // it kept the Responder and answers through it later
};
using InlineResult = std::variant<Response, InlineStep>;

// An optional fast path of a route that never blocks, run on an I/O thread:
// it answers, defers (e.g. a write: it submits the command and answers
// through `respond` once the command is durable), or declines, and the
// request then goes to the route's Handler on a handler thread. `respond`
// is empty while the server stops: the handler must not defer then. Only a
// handler that defers may keep or call `respond` (once), and it must not
// throw once it has handed `respond` on.
using InlineHandler = std::function<InlineResult(
    const Request&, const PathParams&, const Responder& respond)>;

// What Dispatch() did, for metrics and logs.
struct DispatchInfo {
  // The matched pattern ("/api/serviceaccounts/:id"); "unmatched" when no
  // route matched (a bounded label value for metrics).
  std::string route = "unmatched";
  // what() of an exception a handler threw (answered with 500); "" otherwise.
  std::string handler_error;
};

// Maps (method, path) to a handler. Patterns are '/'-separated segments; a
// segment ":name" matches any one non-empty segment and captures it. Literal
// segments win over parameters, so "/a/search" beats "/a/:id" for "/a/search".
//
// Thread-safety: Add() must happen before the server starts; Dispatch() is
// const and may be called concurrently.
// Runs a deferred answer (see InlineHandler), guarded as Dispatch guards a
// handler: an exception becomes a 500 and info.handler_error.
Response RunDeferredAnswer(const AnswerThunk& answer, DispatchInfo& info);

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  // REQUIRES: `pattern` starts with '/'; (method, pattern) not yet added;
  // parameter names at the same position of two patterns are equal.
  // Throws std::invalid_argument otherwise (a programming error).
  void Add(std::string method, std::string_view pattern, Handler handler,
           InlineHandler try_inline = {});

  // Runs the handler for request.method and request.path. Unknown path: 404
  // {"message":"Not found"}; known path without that method: 405 {"message":
  // "Method not allowed"} with an Allow header; a handler that throws: 500
  // {"message":"Internal Server Error"} and info->handler_error is set.
  // `info` may be null.
  Response Dispatch(const Request& request, DispatchInfo* info = nullptr) const;

  // Dispatch for an I/O thread: answers what needs no blocking work (404,
  // 405, and routes whose InlineHandler answers or defers); kDeclined when
  // the request must go to Dispatch on a handler thread. `respond` is
  // passed to the InlineHandler.
  InlineResult TryDispatchInline(const Request& request,
                                 const Responder& respond,
                                 DispatchInfo* info = nullptr) const;

 private:
  struct Node;
  struct Route;
  struct Match;
  Match Find(const Request& request) const;
  std::unique_ptr<Node> root_;
};

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_ROUTER_H_
