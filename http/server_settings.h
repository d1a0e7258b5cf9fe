#ifndef KEYLEDGER_HTTP_SERVER_SETTINGS_H_
#define KEYLEDGER_HTTP_SERVER_SETTINGS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace keyledger::http {

// How the HTTP server listens and what it tolerates. Defaults are SPEC.md §8.
struct ServerSettings {
  std::string address = "127.0.0.1";  // IPv4 or IPv6 literal
  uint16_t port = 3000;               // 0 = ephemeral (see Server::Start)
  size_t body_limit = 1 << 20;        // larger body: 413
  size_t header_limit = 8 << 10;      // larger header fields: 431
  size_t url_limit = 8 << 10;         // longer request target: 414
  // Deadline for reading one request (and for writing one response), from its
  // first byte; on a new connection, from the accept.
  std::chrono::seconds read_timeout{30};
  // How long a keep-alive connection may wait for its next request.
  std::chrono::seconds idle_timeout{60};
  // How long Stop() lets in-flight requests finish before closing everything.
  std::chrono::seconds shutdown_timeout{10};
  int io_threads = 0;              // run socket I/O only; 0: one per core
  // Scheduler time slice asked for the I/O threads (see PrepareIoThread);
  // 0 leaves the kernel's default.
  std::chrono::microseconds io_slice{100};
  int handler_threads = 64;        // run Router handlers, which may block
  std::string protocol = "http";   // "http" or "https"
  std::string cert_file;           // PEM certificate chain, for https
  std::string cert_key;            // PEM private key, for https
  size_t max_connections = 10000;  // further connections are closed at accept
};

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_SERVER_SETTINGS_H_
