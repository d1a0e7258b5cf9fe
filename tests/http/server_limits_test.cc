#define BOOST_TEST_MODULE http_server_limits_test
#include <boost/test/unit_test.hpp>
#include <thread>
#include <vector>

#include "tests/http/test_server.h"

namespace keyledger::http::testing {
namespace {

using namespace std::chrono_literals;

Response BodySize(const Request& request, const PathParams&) {
  return TextResponse(200, std::to_string(request.body.size()));
}

// A started server with POST /size answering the body's size.
struct LimitsServer : TestServer {
  explicit LimitsServer(ServerSettings s = {}) : TestServer(std::move(s)) {
    router.Add("POST", "/size", BodySize);
    router.Add("GET", "/size", BodySize);
    Start();
  }
};

std::string Message(const TestResponse& response) {
  return std::string(response.Json().at("message").as_string());
}

BOOST_AUTO_TEST_SUITE(server_limits)

BOOST_AUTO_TEST_CASE(body_up_to_the_limit_is_accepted_and_over_it_is_413) {
  LimitsServer server;
  auto client = server.Client();
  BOOST_TEST(client->Request("POST", "/size", std::string(1 << 20, 'x')).body ==
             "1048576");
  TestResponse r =
      client->Request("POST", "/size", std::string((1 << 20) + 1, 'x'));
  BOOST_TEST(r.status == 413);
  BOOST_TEST(Message(r) == "request body too large");
  BOOST_TEST(r.Header("Connection") == "close");
  BOOST_TEST(server.Client()->Request("GET", "/size").status == 200);
}

BOOST_AUTO_TEST_CASE(header_block_over_8_kib_is_431) {
  LimitsServer server;
  auto client = server.Client();
  TestResponse ok =
      client->Request("GET", "/size", "", {{"X-Big", std::string(7000, 'a')}});
  BOOST_TEST(ok.status == 200);
  TestResponse r =
      client->Request("GET", "/size", "", {{"X-Big", std::string(9000, 'a')}});
  BOOST_TEST(r.status == 431);
  BOOST_TEST(Message(r) == "request header fields too large");
  TestResponse many = server.Client()->Request(
      "GET", "/size", "", TestHeaders(600, {"X-Many", "0123456789"}));
  BOOST_TEST(many.status == 431);
}

BOOST_AUTO_TEST_CASE(target_over_8_kib_is_414) {
  LimitsServer server;
  auto client = server.Client();
  BOOST_TEST(
      client->Request("GET", "/size?q=" + std::string(8000, 'a')).status ==
      200);
  TestResponse r = client->Request("GET", "/size?q=" + std::string(9000, 'a'));
  BOOST_TEST(r.status == 414);
  BOOST_TEST(Message(r) == "request URI too long");
}

BOOST_AUTO_TEST_CASE(malformed_requests_are_400_json) {
  LimitsServer server;
  for (const char* raw :
       {"GARBAGE\r\n\r\n", "GET /size HTTP/1.1\r\nNo colon here\r\n\r\n",
        "POST /size HTTP/1.1\r\nContent-Length: x\r\n\r\n"}) {
    auto client = server.Client();
    client->SendRaw(raw);
    TestResponse r = client->ReadResponse();
    BOOST_TEST(r.status == 400, raw);
    BOOST_TEST(Message(r).starts_with("bad request"), raw);
  }
  TestResponse r = server.Client()->Request("GET", "/a%zz");
  BOOST_TEST(r.status == 400);
  BOOST_TEST(Message(r) == "bad request: invalid request target");
}

BOOST_AUTO_TEST_CASE(a_slow_header_client_is_closed_after_the_read_timeout) {
  ServerSettings settings;
  settings.read_timeout = 1s;
  LimitsServer server(settings);
  auto client = server.Client();
  client->SendRaw(
      "GET /size HTTP/1.1\r\nHost: x\r\n");  // never finishes the header
  BOOST_TEST(client->WaitForClose(10s));
}

BOOST_AUTO_TEST_CASE(a_silent_new_connection_is_closed_after_the_read_timeout) {
  ServerSettings settings;
  settings.read_timeout = 1s;
  LimitsServer server(settings);
  auto client = server.Client();
  client->Connect();
  BOOST_TEST(client->WaitForClose(10s));
}

BOOST_AUTO_TEST_CASE(
    an_idle_keep_alive_connection_is_closed_after_the_idle_timeout) {
  ServerSettings settings;
  settings.idle_timeout = 1s;
  LimitsServer server(settings);
  auto client = server.Client();
  BOOST_TEST(client->Request("GET", "/size").status == 200);
  BOOST_TEST(client->WaitForClose(10s));
}

BOOST_AUTO_TEST_CASE(many_idle_connections_do_not_stop_another_client) {
  LimitsServer server;
  std::vector<std::unique_ptr<TestClient>> idle;
  for (int i = 0; i < 200; ++i) {
    idle.push_back(server.Client());
    if (i % 2 == 0) {
      idle.back()->Connect();  // silent
    } else {
      BOOST_REQUIRE(idle.back()->Request("GET", "/size").status ==
                    200);  // keep-alive
    }
  }
  auto client = server.Client();
  BOOST_TEST(client->Request("POST", "/size", "{}").body == "2");
  BOOST_TEST(idle.back()->Request("GET", "/size").status == 200);
}

BOOST_AUTO_TEST_CASE(connections_over_the_limit_are_refused) {
  ServerSettings settings;
  settings.max_connections = 2;
  LimitsServer server(settings);
  auto a = server.Client();
  auto b = server.Client();
  BOOST_TEST(a->Request("GET", "/size").status == 200);
  BOOST_TEST(b->Request("GET", "/size").status == 200);
  BOOST_CHECK_THROW(server.Client()->Request("GET", "/size"),
                    std::runtime_error);
  a->Close();
  // The server notices the close asynchronously; retry until the slot frees.
  int status = 0;
  for (int attempt = 0; attempt < 100 && status == 0; ++attempt) {
    try {
      status = server.Client()->Request("GET", "/size").status;
    } catch (const std::runtime_error&) {
      std::this_thread::sleep_for(50ms);
    }
  }
  BOOST_TEST(status == 200);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http::testing
