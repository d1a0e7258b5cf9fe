#ifndef KEYLEDGER_HTTP_SERVER_STATE_H_
#define KEYLEDGER_HTTP_SERVER_STATE_H_

// Internal to http/: what the listener and the sessions share.

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "http/access_log.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server_settings.h"

namespace keyledger::http {

// A connection that Stop() can ask to finish.
class Stoppable {
 public:
  virtual ~Stoppable() = default;
  // Closes the connection if it waits for a request; otherwise lets the
  // request in progress finish and closes after its response. Thread-safe.
  virtual void Shutdown() = 0;
};

// Owned by Server::Impl; outlives every session, handler job and I/O thread.
class ServerState {
 public:
  ServerState(const ServerSettings& settings, const Router& router,
              Metrics& metrics, std::ostream& log);

  // Session bookkeeping. Register returns an id for Unregister.
  uint64_t Register(std::weak_ptr<Stoppable> session);
  void Unregister(uint64_t id);
  size_t connections() const;
  // Calls Shutdown() on every live session.
  void ShutdownAll();
  // Waits until no session is left or `timeout` passed; true if none is left.
  bool WaitForNoConnections(std::chrono::steady_clock::duration timeout);

  // Deferred answers (an inline handler's write waiting for its fsync) are
  // posted to their session's I/O thread, which must still run then. A
  // session reserves before it lets a handler defer (false once Stop
  // drains: it then passes no Responder) and ends the reservation when
  // the request was answered otherwise or its deferred answer is written.
  // WaitForNoDeferred refuses new reservations and waits for none left.
  bool BeginMayDefer();
  void EndMayDefer();
  void WaitForNoDeferred();

  // The metric series of one kind of request: keyledger_http_requests_total
  // {route, method, status} and keyledger_http_request_duration_seconds
  // {route}. `method` is bucketed to a bounded set. Takes the families'
  // mutexes; per request, use a RequestMetrics.
  struct RequestSeries {
    Counter* requests = nullptr;
    Histogram* duration = nullptr;
  };
  RequestSeries Series(std::string_view route, std::string_view method,
                       int status);

  const ServerSettings settings;
  const Router& router;
  AccessLog log;
  boost::asio::thread_pool handler_pool;
  std::atomic<bool> stopping{false};

 private:
  CounterFamily& requests_total_;
  HistogramFamily& request_duration_;
  mutable std::mutex mutex_;
  std::condition_variable no_connections_;
  std::atomic<int64_t> may_defer_{0};
  std::atomic<bool> draining_{false};
  uint64_t next_id_ = 0;
  std::map<uint64_t, std::weak_ptr<Stoppable>> sessions_;
};

// Records one connection's requests in the request metrics. It keeps the
// series of the last (route, method, status), so a connection that repeats
// one kind of request (a keep-alive client, e.g. nginx with an upstream
// `keepalive` pool in front of /api/auth/verify) records each with relaxed
// atomic adds: no lock, no map lookup, no string built. A connection's first
// request, and one of another kind, takes ServerState::Series (the families'
// mutexes and map lookups) once.
// Not thread-safe: one per session, used on its I/O thread.
class RequestMetrics {
 public:
  explicit RequestMetrics(ServerState& state) : state_(state) {}
  void Record(std::string_view route, std::string_view method, int status,
              std::chrono::steady_clock::duration duration);

 private:
  ServerState& state_;
  std::string route_, method_;  // the key of series_ (method_ as received)
  int status_ = 0;
  ServerState::RequestSeries series_;  // null until the first Record
};

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_SERVER_STATE_H_
