#ifndef KEYLEDGER_HTTP_SERVER_STATE_H_
#define KEYLEDGER_HTTP_SERVER_STATE_H_

// Internal to http/: what the listener and the sessions share.

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

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

  // Records the request metrics. `method` is bucketed to a bounded set.
  void RecordRequest(std::string_view route, std::string_view method,
                     int status, std::chrono::steady_clock::duration duration);

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
  uint64_t next_id_ = 0;
  std::map<uint64_t, std::weak_ptr<Stoppable>> sessions_;
};

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_SERVER_STATE_H_
