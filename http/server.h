#ifndef KEYLEDGER_HTTP_SERVER_H_
#define KEYLEDGER_HTTP_SERVER_H_

#include <cstdint>
#include <memory>
#include <ostream>

#include "http/metrics.h"
#include "http/router.h"
#include "http/server_settings.h"

namespace keyledger::http {

// An HTTP/1.1 server (Boost.Beast) that answers every request through a
// Router. I/O runs on settings.io_threads threads (default: one per core),
// each serving its share of the connections, which also run a route's
// InlineHandler (never blocks; it may defer its answer, which another
// thread hands back later, and Stop waits for those); Handlers run on a
// pool of settings.handler_threads threads, so they may block. Per connection:
// keep-alive, pipelined requests answered one at a time in order, timeouts
// (read_timeout, idle_timeout), limits (body 413, header 431, URL 414),
// X-Request-Id and security headers on every response, one access-log line
// per request, and the metrics keyledger_http_requests_total{route,method,
// status} and keyledger_http_request_duration_seconds{route}.
//
// `router`, `metrics` and `log` must outlive the server. Include this header
// freely: it pulls in no Asio or Beast.
class Server {
 public:
  Server(ServerSettings settings, const Router& router, Metrics& metrics,
         std::ostream& log);
  // Stops the server if it is running.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts serving in background threads. Returns the
  // bound port (the ephemeral one when settings.port is 0).
  // Throws std::runtime_error with a one-line message when the address is
  // invalid, the port cannot be bound, the protocol is unknown, or the TLS
  // certificate or key cannot be loaded. REQUIRES: called at most once.
  uint16_t Start();

  // Graceful stop: stops accepting, closes idle connections, lets requests
  // in progress finish (their answers carry Connection: close) for up to
  // settings.shutdown_timeout, then closes everything and joins all threads.
  // Idempotent; safe from any thread except the server's own (handlers).
  void Stop();

  // Blocks until Stop() has completed. Returns at once if never started.
  void Wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// SIGINT and SIGTERM, caught from construction on, so that one that comes
// while the server starts (loading a large State takes seconds) is kept
// for Received() and Wait() rather than killing the process midway. For
// `keyledger serve`: construct first, start, Wait(), Stop(). One at a time.
class TerminationSignals {
 public:
  TerminationSignals();
  ~TerminationSignals();
  TerminationSignals(const TerminationSignals&) = delete;
  TerminationSignals& operator=(const TerminationSignals&) = delete;

  // The signal received so far, 0 if none. Does not block.
  int Received();
  // Blocks until a signal is received (returns at once if one was) and
  // returns its number.
  int Wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_SERVER_H_
