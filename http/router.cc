#include "http/router.h"

#include <stdexcept>

#include "absl/container/inlined_vector.h"

namespace keyledger::http {

namespace {

// A path's segments; held inline up to a depth no route of ours exceeds,
// so that routing a request allocates nothing for them.
using SegmentList = absl::InlinedVector<std::string_view, 8>;

struct MatchState {
  std::string_view method;
  const SegmentList* segments = nullptr;
  PathParams params;
  std::string_view pattern;  // of the node that matched
  std::string allowed;       // methods of the first path match
};

}  // namespace

struct Router::Route {
  Handler handler;
  InlineHandler try_inline;  // may be empty
};

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::unique_ptr<Node> param;  // the ":name" child, if any
  std::string param_name;       // name of `param`, without ':'
  std::map<std::string, Route, std::less<>> handlers;  // by method
  std::string pattern;  // the pattern that ends here, if any handler

  // Depth-first search, literal child before parameter child, so the first
  // node with a handler for the method is the most literal match. Returns
  // null when none has one.
  const Route* Find(size_t depth, MatchState& state) const;
};

// The route for a request, or the error response when there is none.
struct Router::Match {
  SegmentList segments;
  MatchState state;
  const Route* route = nullptr;
  Response NoRoute() const;
};

namespace {

// Splits "/a/b/c" into {"a","b","c"}; "/" into {""}; keeps empty segments so
// "/a/" does not match "/a".
SegmentList Segments(std::string_view path) {
  SegmentList out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  while (true) {
    size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

void Router::Add(std::string method, std::string_view pattern,
                 Handler handler, InlineHandler try_inline) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("Router::Add: pattern must start with '/'");
  }
  Node* node = root_.get();
  for (std::string_view segment : Segments(pattern)) {
    if (segment.size() > 1 && segment.front() == ':') {
      std::string_view name = segment.substr(1);
      if (!node->param) {
        node->param = std::make_unique<Node>();
        node->param_name = std::string(name);
      } else if (node->param_name != name) {
        throw std::invalid_argument(
            "Router::Add: conflicting parameter name in " +
            std::string(pattern));
      }
      node = node->param.get();
      continue;
    }
    auto& child = node->literals[std::string(segment)];
    if (!child) child = std::make_unique<Node>();
    node = child.get();
  }
  if (node->handlers.contains(method)) {
    throw std::invalid_argument("Router::Add: duplicate route " + method + " " +
                                std::string(pattern));
  }
  node->pattern = std::string(pattern);
  node->handlers.emplace(std::move(method),
                         Route{std::move(handler), std::move(try_inline)});
}

const Router::Route* Router::Node::Find(size_t depth,
                                        MatchState& state) const {
  if (depth == state.segments->size()) {
    if (handlers.empty()) return nullptr;
    if (state.allowed.empty()) {
      for (const auto& [method, handler] : handlers) {
        state.allowed += state.allowed.empty() ? method : ", " + method;
      }
    }
    auto it = handlers.find(state.method);
    if (it == handlers.end()) return nullptr;
    state.pattern = pattern;
    return &it->second;
  }
  std::string_view segment = (*state.segments)[depth];
  if (auto it = literals.find(segment); it != literals.end()) {
    if (const Route* r = it->second->Find(depth + 1, state)) return r;
  }
  if (param && !segment.empty()) {
    if (const Route* r = param->Find(depth + 1, state)) {
      state.params.emplace(param_name, std::string(segment));
      return r;
    }
  }
  return nullptr;
}

Router::Match Router::Find(const Request& request) const {
  Match match;
  match.segments = Segments(request.path);
  match.state.method = request.method;
  match.state.segments = &match.segments;
  if (!match.segments.empty()) match.route = root_->Find(0, match.state);
  match.state.segments = nullptr;  // not valid once `match` moves
  return match;
}

Response Router::Match::NoRoute() const {
  if (state.allowed.empty()) return ErrorResponse(404, "Not found");
  Response response = ErrorResponse(405, "Method not allowed");
  response.headers.emplace_back("Allow", state.allowed);
  return response;
}

namespace {

// Runs `call`; an exception becomes a 500 and info->handler_error.
template <typename Call>
auto Guarded(DispatchInfo& info, Call&& call) -> decltype(call()) {
  try {
    return call();
  } catch (const std::exception& e) {
    info.handler_error = e.what();
  } catch (...) {
    info.handler_error = "unknown exception";
  }
  return ErrorResponse(500, "Internal Server Error");
}

}  // namespace

Response RunDeferredAnswer(const AnswerThunk& answer, DispatchInfo& info) {
  return Guarded(info, answer);
}

Response Router::Dispatch(const Request& request, DispatchInfo* info) const {
  DispatchInfo local;
  if (!info) info = &local;
  const Match match = Find(request);
  if (!match.route) return match.NoRoute();
  info->route = std::string(match.state.pattern);
  return Guarded(*info, [&] {
    return match.route->handler(request, match.state.params);
  });
}

InlineResult Router::TryDispatchInline(const Request& request,
                                       const Responder& respond,
                                       DispatchInfo* info) const {
  DispatchInfo local;
  if (!info) info = &local;
  const Match match = Find(request);
  if (!match.route) return match.NoRoute();
  if (!match.route->try_inline) return InlineStep::kDeclined;
  info->route = std::string(match.state.pattern);
  return Guarded(*info, [&]() -> InlineResult {
    return match.route->try_inline(request, match.state.params, respond);
  });
}

}  // namespace keyledger::http
