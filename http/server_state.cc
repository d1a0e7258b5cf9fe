#include "http/server_state.h"

#include <algorithm>
#include <array>
#include <thread>
#include <vector>

namespace keyledger::http {
namespace {

// Bounded label values: a client cannot create series with made-up methods.
std::string_view MethodLabel(std::string_view method) {
  static constexpr std::array<std::string_view, 7> kKnown = {
      "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  for (std::string_view known : kKnown) {
    if (method == known) return known;
  }
  return "other";
}

}  // namespace

ServerState::ServerState(const ServerSettings& settings, const Router& router,
                         Metrics& metrics, std::ostream& log)
    : settings(settings),
      router(router),
      log(log, AccessLog::kFlushInterval, AccessLog::kMaxPending,
          &metrics
               .AddCounter("keyledger_access_log_dropped_lines_total",
                           "Log lines dropped because the log "
                           "output did not keep up.",
                           {})
               .WithLabels({})),
      handler_pool(static_cast<size_t>(std::max(1, settings.handler_threads))),
      requests_total_(metrics.AddCounter(
          "keyledger_http_requests_total",
          "HTTP requests answered, by route, method and status.",
          {"route", "method", "status"})),
      request_duration_(
          metrics.AddHistogram("keyledger_http_request_duration_seconds",
                               "Time from reading a request's header to "
                               "writing its response, by route.",
                               {"route"})) {}

uint64_t ServerState::Register(std::weak_ptr<Stoppable> session) {
  std::lock_guard lock(mutex_);
  uint64_t id = next_id_++;
  sessions_.emplace(id, std::move(session));
  return id;
}

void ServerState::Unregister(uint64_t id) {
  std::lock_guard lock(mutex_);
  sessions_.erase(id);
  if (sessions_.empty()) no_connections_.notify_all();
}

size_t ServerState::connections() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

void ServerState::ShutdownAll() {
  std::vector<std::shared_ptr<Stoppable>> live;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, weak] : sessions_) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  // Outside the lock: a session may unregister (and so lock) when the last
  // shared_ptr here goes away.
  for (auto& session : live) session->Shutdown();
}

bool ServerState::WaitForNoConnections(
    std::chrono::steady_clock::duration timeout) {
  std::unique_lock lock(mutex_);
  return no_connections_.wait_for(lock, timeout,
                                  [&] { return sessions_.empty(); });
}

// Sequentially consistent: either BeginMayDefer sees draining_, or
// WaitForNoDeferred sees its reservation.
bool ServerState::BeginMayDefer() {
  may_defer_.fetch_add(1);
  if (!draining_.load()) return true;
  may_defer_.fetch_sub(1);
  return false;
}

void ServerState::EndMayDefer() { may_defer_.fetch_sub(1); }

void ServerState::WaitForNoDeferred() {
  draining_.store(true);
  // Polled: only at shutdown, and an fsync or two at most.
  while (may_defer_.load() != 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

ServerState::RequestSeries ServerState::Series(std::string_view route,
                                               std::string_view method,
                                               int status) {
  return {&requests_total_.WithLabels({std::string(route),
                                       std::string(MethodLabel(method)),
                                       std::to_string(status)}),
          &request_duration_.WithLabels({std::string(route)})};
}

void RequestMetrics::Record(std::string_view route, std::string_view method,
                            int status,
                            std::chrono::steady_clock::duration duration) {
  if (!series_.requests || status != status_ || route != route_ ||
      method != method_) {
    series_ = state_.Series(route, method, status);
    route_.assign(route);
    method_.assign(method);
    status_ = status;
  }
  series_.requests->Increment();
  series_.duration->Observe(std::chrono::duration<double>(duration).count());
}

}  // namespace keyledger::http
