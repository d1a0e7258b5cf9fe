#ifndef KEYLEDGER_TESTS_HTTP_TEST_CLIENT_H_
#define KEYLEDGER_TESTS_HTTP_TEST_CLIENT_H_

#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/request.h"

namespace keyledger::http::testing {

using TestHeaders = std::vector<std::pair<std::string, std::string>>;

struct TestResponse {
  int status = 0;
  HeaderMap headers;  // case-insensitive; repeated fields joined with ", "
  std::string body;

  // The header's value, or "" when absent.
  std::string Header(std::string_view name) const;
  // The body parsed as JSON; throws if it is not JSON.
  boost::json::value Json() const;
};

struct TestClientOptions {
  bool tls = false;
  // With tls: PEM file of the CA (or self-signed certificate) to verify the
  // server against; "" accepts any certificate.
  std::string ca_file;
  // Every blocking call fails after this long, so a hung server fails a test
  // instead of hanging it.
  std::chrono::milliseconds timeout{10000};
};

// A blocking HTTP/1.1 client over one keep-alive connection to 127.0.0.1,
// for tests. It connects lazily and reconnects after the server closed the
// connection. Not thread-safe: use one client per thread.
//
//   TestClient client(port);
//   TestResponse r = client.Request("POST", "/api/auth/keys", body,
//                                   {{"Authorization", "Bearer x"}});
//   BOOST_TEST(r.status == 200);
class TestClient {
 public:
  explicit TestClient(uint16_t port, TestClientOptions options = {});
  ~TestClient();
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  // Sends one request and reads its response. Adds Host and Content-Length;
  // adds Content-Type: application/json when `body` is not empty and
  // `headers` has no Content-Type. Throws std::runtime_error on an I/O error
  // or a timeout.
  TestResponse Request(std::string_view method, std::string_view target,
                       std::string_view body = {},
                       const TestHeaders& headers = {});

  // Low-level access for protocol tests. Connect() is implicit in the others.
  void Connect();
  void SendRaw(std::string_view bytes);
  TestResponse ReadResponse();
  // True when the server closes the connection within `timeout`; false on
  // timeout (the client then closes the connection itself).
  bool WaitForClose(std::chrono::milliseconds timeout);
  bool connected() const;
  // How many connections this client has opened so far.
  int connect_count() const;
  void Close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The wire form of a request, as Request() sends it.
std::string FormatRequest(std::string_view method, std::string_view target,
                          std::string_view body = {},
                          const TestHeaders& headers = {});

}  // namespace keyledger::http::testing

#endif  // KEYLEDGER_TESTS_HTTP_TEST_CLIENT_H_
