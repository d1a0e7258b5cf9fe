#ifndef KEYLEDGER_TESTS_HTTP_TEST_SERVER_H_
#define KEYLEDGER_TESTS_HTTP_TEST_SERVER_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>

#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "tests/http/test_client.h"

namespace keyledger::http::testing {

// A log sink that may be read while the server writes to it.
class LockedLog : public std::stringbuf {
 public:
  std::string Text() {
    std::lock_guard lock(mutex_);
    return str();
  }

 protected:
  int sync() override {
    std::lock_guard lock(mutex_);
    return std::stringbuf::sync();
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    std::lock_guard lock(mutex_);
    return std::stringbuf::xsputn(s, n);
  }
  int_type overflow(int_type c) override {
    std::lock_guard lock(mutex_);
    return std::stringbuf::overflow(c);
  }

 private:
  std::recursive_mutex mutex_;
};

// The text of `log` once it contains `text` (log lines are written by a
// background thread), or after 10 s.
inline std::string WaitForText(LockedLog& log, std::string_view text) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::string now = log.Text();
  while (now.find(text) == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    now = log.Text();
  }
  return now;
}

// A real Server on 127.0.0.1 with an ephemeral port. Add routes to `router`
// before Start(); Stop() happens on destruction.
//
//   TestServer server;
//   server.router.Add("GET", "/x", handler);
//   server.Start();
//   TestClient client = server.Client();
struct TestServer {
  explicit TestServer(ServerSettings s = {}) : settings(std::move(s)) {
    settings.address = "127.0.0.1";
    settings.port = 0;
  }
  ~TestServer() { Stop(); }

  void Start() {
    server = std::make_unique<Server>(settings, router, metrics, log_stream);
    port = server->Start();
  }
  void Stop() {
    if (server) server->Stop();
  }
  std::string Log() { return log.Text(); }
  std::string WaitForLog(std::string_view text) { return WaitForText(log, text); }
  std::unique_ptr<TestClient> Client(TestClientOptions options = {}) const {
    return std::make_unique<TestClient>(port, std::move(options));
  }

  ServerSettings settings;
  Router router;
  Metrics metrics;
  LockedLog log;
  std::ostream log_stream{&log};
  std::unique_ptr<Server> server;
  uint16_t port = 0;
};

}  // namespace keyledger::http::testing

#endif  // KEYLEDGER_TESTS_HTTP_TEST_SERVER_H_
