// Connection abuse against the real `keyledger serve` process: slow headers,
// slow bodies, idle connections, 1,000 concurrent idle connections, oversized
// headers and bodies, pipelined requests. Throughout, another client is
// answered; afterwards the server's open file descriptors (from /proc) are
// back to where they started, so every connection was released.

#define BOOST_TEST_MODULE http_connection_abuse_test
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "tests/http/test_client.h"
#include "tests/reliability/reliability_util.h"
#include "tests/reliability/server_process.h"

namespace keyledger::testing {
namespace {

using namespace std::chrono_literals;
using http::testing::TestClient;
using http::testing::TestResponse;

// A raw blocking TCP connection to 127.0.0.1 (closed on destruction).
class RawConnection {
 public:
  explicit RawConnection(uint16_t port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    BOOST_REQUIRE(fd_ >= 0);
    timeval tv{.tv_sec = 15, .tv_usec = 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_REQUIRE(
        connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  }
  ~RawConnection() {
    if (fd_ >= 0) close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False when the server already closed the connection.
  bool Send(std::string_view bytes) {
    return send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }
  // Reads until the server closes the connection or 15 s pass without data.
  std::string ReadAll() {
    std::string out;
    char buffer[65536];
    for (;;) {
      const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      out.append(buffer, static_cast<size_t>(n));
    }
    return out;
  }
  // Reads until `count` occurrences of "HTTP/1.1 " were seen (or close).
  std::string ReadResponses(int count) {
    std::string out;
    char buffer[65536];
    auto seen = [&] {
      int n = 0;
      for (size_t at = out.find("HTTP/1.1 "); at != std::string::npos;
           at = out.find("HTTP/1.1 ", at + 1)) {
        ++n;
      }
      return n;
    };
    while (seen() < count) {
      const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      out.append(buffer, static_cast<size_t>(n));
    }
    return out;
  }

 private:
  int fd_ = -1;
};

size_t OpenFds(pid_t pid) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(
           "/proc/" + std::to_string(pid) + "/fd")) {
    ++n;
  }
  return n;
}

// Waits (bounded) until the server has at most `limit` open descriptors.
size_t WaitForFdsAtMost(pid_t pid, size_t limit) {
  size_t n = OpenFds(pid);
  for (int i = 0; i < 300 && n > limit; ++i) {
    std::this_thread::sleep_for(100ms);
    n = OpenFds(pid);
  }
  return n;
}

void RaiseFileLimit(rlim_t want) {
  rlimit limit{};
  BOOST_REQUIRE(getrlimit(RLIMIT_NOFILE, &limit) == 0);
  if (limit.rlim_cur >= want) return;
  limit.rlim_cur = std::min(want, limit.rlim_max);
  BOOST_REQUIRE(setrlimit(RLIMIT_NOFILE, &limit) == 0);
  BOOST_REQUIRE_MESSAGE(limit.rlim_cur >= want, "RLIMIT_NOFILE hard limit "
                                                    << limit.rlim_max
                                                    << " is too low");
}

// The server with short timeouts so abusers are cut off quickly.
struct AbusedServer {
  explicit AbusedServer(int timeout_seconds = 2)
      : server(dir.path(), {},
               {"KEYLEDGER_SERVER_READ_TIMEOUT_SECONDS=" +
                    std::to_string(timeout_seconds),
                "KEYLEDGER_SERVER_IDLE_TIMEOUT_SECONDS=" +
                    std::to_string(timeout_seconds)}) {
    RaiseFileLimit(4096);  // for us and, inherited, for the server
    server.Start();
    client = std::make_unique<TestClient>(server.port(), Options(20s));
    BOOST_REQUIRE(Healthy());
    client->Close();
    baseline = WaitForFdsAtMost(server.pid(), 1000);
  }
  // A request on a fresh connection (a kept-alive one may have hit the idle
  // timeout while the test waited).
  bool Healthy() {
    client->Close();
    TestResponse r = client->Request("GET", "/api/serviceaccounts/search", {},
                                     {{"Authorization", AdminBasic()}});
    return r.status == 200;
  }
  TempDir dir;
  ServerProcess server;
  std::unique_ptr<TestClient> client;
  size_t baseline = 0;
};

BOOST_AUTO_TEST_SUITE(connection_abuse)

BOOST_AUTO_TEST_CASE(
    a_thousand_idle_connections_do_not_stop_other_clients_and_are_released) {
  AbusedServer s(10);  // long enough to see all 1,000 held at once
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 1000; ++i)
    idle.push_back(std::make_unique<RawConnection>(s.server.port()));
  // Half of them start a request and stop mid-header.
  for (size_t i = 0; i < idle.size(); i += 2)
    idle[i]->Send("GET /api/health HTTP/1.1\r\n");
  // The server accepts them all and holds them (bounded wait for accepts).
  size_t held = OpenFds(s.server.pid());
  for (int i = 0; i < 250 && held < s.baseline + 990; ++i) {
    std::this_thread::sleep_for(20ms);
    held = OpenFds(s.server.pid());
  }
  BOOST_TEST(held >= s.baseline + 990,
             held << " fds open, baseline " << s.baseline);
  for (int i = 0; i < 5; ++i) BOOST_TEST(s.Healthy());
  // The server times them out (read timeout 10 s) and releases every one.
  const size_t after = WaitForFdsAtMost(s.server.pid(), s.baseline + 2);
  BOOST_TEST(after <= s.baseline + 2,
             after << " fds open, baseline " << s.baseline);
  BOOST_TEST(s.Healthy());
  BOOST_TEST(s.server.running());
}

BOOST_AUTO_TEST_CASE(
    slow_headers_and_slow_bodies_are_cut_off_by_the_read_timeout) {
  AbusedServer s;
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 20; ++i)
    slow.push_back(std::make_unique<RawConnection>(s.server.port()));
  // Slowloris: one header byte every 200 ms; slow body: a promised body
  // that trickles. Both would take far longer than the 2 s read timeout.
  for (int i = 0; i < 10; ++i)
    slow[i]->Send("POST /api/auth/keys HTTP/1.1\r\nHost: x\r\n");
  for (int i = 10; i < 20; ++i) {
    slow[i]->Send(
        "POST /api/auth/keys HTTP/1.1\r\nHost: x\r\nContent-Type: "
        "application/json\r\n"
        "Content-Length: 1000\r\n\r\n{");
  }
  const auto start = std::chrono::steady_clock::now();
  int closed = 0;
  for (int tick = 0; tick < 100 && closed < 20; ++tick) {  // at most ~20 s
    closed = 0;
    for (int i = 0; i < 20; ++i) {
      if (!slow[i]->Send(i < 10 ? "X" : " ")) ++closed;
    }
    if (tick % 5 == 0) BOOST_TEST(s.Healthy());
    std::this_thread::sleep_for(200ms);
  }
  BOOST_TEST(closed == 20, closed << " of 20 slow connections were closed");
  BOOST_TEST_MESSAGE("cut off after "
                     << std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count()
                     << " ms");
  slow.clear();
  BOOST_TEST(WaitForFdsAtMost(s.server.pid(), s.baseline + 2) <=
             s.baseline + 2);
}

BOOST_AUTO_TEST_CASE(
    oversized_headers_and_bodies_are_refused_with_json_and_released) {
  AbusedServer s;
  {
    RawConnection c(s.server.port());
    c.Send("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " +
           std::string(20000, 'a') + "\r\n\r\n");
    const std::string answer = c.ReadAll();
    BOOST_TEST(answer.starts_with("HTTP/1.1 431"), answer.substr(0, 80));
    BOOST_TEST(answer.find("{\"message\":") != std::string::npos);
  }
  {
    RawConnection c(s.server.port());
    c.Send(
        "POST /api/auth/keys HTTP/1.1\r\nHost: x\r\nContent-Type: "
        "application/json\r\n"
        "Content-Length: 5000000\r\n\r\n" +
        std::string(64 * 1024, ' '));
    const std::string answer = c.ReadAll();
    BOOST_TEST(answer.starts_with("HTTP/1.1 413"), answer.substr(0, 80));
    BOOST_TEST(answer.find("{\"message\":") != std::string::npos);
  }
  {
    RawConnection c(s.server.port());
    c.Send("GET /" + std::string(100000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
    const std::string answer = c.ReadAll();
    // Over the header-block limit too, so 431 is as right as 414.
    BOOST_TEST((answer.starts_with("HTTP/1.1 414") ||
                answer.starts_with("HTTP/1.1 431")),
               answer.substr(0, 80));
    BOOST_TEST(answer.find("{\"message\":") != std::string::npos);
  }
  {
    // Many small header fields adding up beyond the limit.
    RawConnection c(s.server.port());
    std::string request = "GET /api/health HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 2000; ++i)
      request += "X-H" + std::to_string(i) + ": v\r\n";
    c.Send(request + "\r\n");
    const std::string answer = c.ReadAll();
    BOOST_TEST(answer.starts_with("HTTP/1.1 431"), answer.substr(0, 80));
  }
  BOOST_TEST(s.Healthy());
  BOOST_TEST(WaitForFdsAtMost(s.server.pid(), s.baseline + 2) <=
             s.baseline + 2);
}

BOOST_AUTO_TEST_CASE(pipelined_requests_are_all_answered_in_order) {
  AbusedServer s;
  RawConnection c(s.server.port());
  const std::string auth = "Authorization: " + AdminBasic() + "\r\n";
  std::string burst;
  constexpr int kRequests = 100;
  for (int i = 0; i < kRequests; ++i) {
    if (i % 2 == 0) {
      burst += "GET /api/serviceaccounts/search?query=p" + std::to_string(i) +
               " HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n";
    } else {
      const std::string body =
          R"({"name":"pipe-)" + std::to_string(i) + R"(","role":"Viewer"})";
      burst += "POST /api/serviceaccounts HTTP/1.1\r\nHost: x\r\n" + auth +
               "Content-Type: application/json\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body;
    }
  }
  BOOST_REQUIRE(c.Send(burst));
  const std::string answers = c.ReadResponses(kRequests);
  // In order: 200 (search), 201 (create), ...; each create names its account.
  size_t at = 0;
  for (int i = 0; i < kRequests; ++i) {
    at = answers.find("HTTP/1.1 ", at);
    BOOST_REQUIRE_MESSAGE(at != std::string::npos,
                          "answer " << i << " missing");
    const std::string status = answers.substr(at + 9, 3);
    BOOST_TEST(status == (i % 2 == 0 ? "200" : "201"), "answer " << i);
    if (i % 2 == 1) {
      const size_t name = answers.find("\"name\":\"pipe-", at);
      BOOST_TEST(answers.substr(name + 13, std::to_string(i).size()) ==
                 std::to_string(i));
    }
    ++at;
  }
  BOOST_TEST(s.Healthy());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::testing
