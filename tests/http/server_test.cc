#define BOOST_TEST_MODULE http_server_test
#include "http/server.h"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <atomic>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

#include "tests/http/test_server.h"

namespace keyledger::http::testing {
namespace {

using namespace std::chrono_literals;

Response Echo(const Request& request, const PathParams& params) {
  boost::json::object body;
  body["method"] = request.method;
  body["path"] = request.path;
  body["body"] = request.body;
  for (const auto& [name, value] : params) body[name] = value;
  return JsonResponse(200, body);
}

Response Text(std::string text) { return TextResponse(200, std::move(text)); }

// A server whose POST /echo answers with what it received, and a client.
struct EchoServer {
  EchoServer() {
    server.router.Add("POST", "/echo", Echo);
    server.Start();
    client = server.Client();
  }
  TestServer server;
  std::unique_ptr<TestClient> client;
};

BOOST_AUTO_TEST_SUITE(server)

BOOST_AUTO_TEST_CASE(routes_with_parameters_404_and_405_over_the_wire) {
  TestServer server;
  server.router.Add("GET", "/api/serviceaccounts/:id/tokens/:tokenId", Echo);
  server.router.Add("GET", "/api/serviceaccounts/search", Echo);
  server.Start();
  auto client = server.Client();
  TestResponse r = client->Request("GET", "/api/serviceaccounts/5/tokens/9");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.Json().at("tokenId").as_string() == "9");
  BOOST_TEST(r.Header("Content-Type") == "application/json");
  r = client->Request("GET", "/api/serviceaccounts/search?perpage=10");
  BOOST_TEST(r.Json().at("path").as_string() == "/api/serviceaccounts/search");
  r = client->Request("GET", "/api/nope");
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.Json().at("message").as_string() == "Not found");
  r = client->Request("DELETE", "/api/serviceaccounts/search");
  BOOST_TEST(r.status == 405);
  BOOST_TEST(r.Json().at("message").as_string() == "Method not allowed");
}

BOOST_FIXTURE_TEST_CASE(keep_alive_serves_several_requests_on_one_connection,
                        EchoServer) {
  for (int i = 0; i < 5; ++i) {
    std::string body = "{\"n\":" + std::to_string(i) + "}";
    TestResponse r = client->Request("POST", "/echo", body);
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.Json().at("body").as_string() == body);
  }
  BOOST_TEST(client->connect_count() == 1);
  BOOST_TEST(client->connected());
}

BOOST_AUTO_TEST_CASE(pipelined_requests_are_answered_in_order) {
  TestServer server;
  server.router.Add("GET", "/slow", [](const Request&, const PathParams&) {
    std::this_thread::sleep_for(
        200ms);  // invites reordering if handled in parallel
    return Text("slow");
  });
  server.router.Add("GET", "/fast/:n", [](const Request&, const PathParams& p) {
    return Text("fast " + p.at("n"));
  });
  server.Start();
  auto client = server.Client();
  client->SendRaw(
      FormatRequest("GET", "/slow") + FormatRequest("GET", "/fast/1") +
      FormatRequest("GET", "/nothing") + FormatRequest("GET", "/fast/2"));
  BOOST_TEST(client->ReadResponse().body == "slow");
  BOOST_TEST(client->ReadResponse().body == "fast 1");
  BOOST_TEST(client->ReadResponse().status == 404);
  BOOST_TEST(client->ReadResponse().body == "fast 2");
}

// The session parses what each read brings: a request arriving a few bytes
// at a time, a chunked body, and a body sent after "100 Continue".
BOOST_FIXTURE_TEST_CASE(a_request_split_across_many_reads_is_parsed_whole,
                        EchoServer) {
  const std::string request = FormatRequest("POST", "/echo", "{\"a\":1}");
  for (size_t at = 0; at < request.size(); at += 7) {
    client->SendRaw(std::string_view(request).substr(at, 7));
    std::this_thread::sleep_for(2ms);
  }
  TestResponse r = client->ReadResponse();
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.Json().at("body").as_string() == "{\"a\":1}");
  BOOST_TEST(client->Request("POST", "/echo", "x").Json().at("body") == "x");
}

BOOST_FIXTURE_TEST_CASE(a_chunked_request_body_is_reassembled, EchoServer) {
  client->SendRaw(
      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
      "4\r\nabcd\r\n");
  std::this_thread::sleep_for(20ms);
  client->SendRaw("3\r\nefg\r\n0\r\n\r\n");
  TestResponse r = client->ReadResponse();
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.Json().at("body").as_string() == "abcdefg");
}

BOOST_FIXTURE_TEST_CASE(expect_100_continue_gets_100_then_the_answer,
                        EchoServer) {
  client->SendRaw(
      "POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\n"
      "Content-Length: 5\r\n\r\n");
  BOOST_TEST(client->ReadResponse().status == 100);
  client->SendRaw("hello");
  TestResponse r = client->ReadResponse();
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.Json().at("body").as_string() == "hello");
}

BOOST_AUTO_TEST_CASE(
    throwing_handler_is_500_json_and_the_server_keeps_serving) {
  TestServer server;
  server.router.Add("GET", "/boom",
                    [](const Request&, const PathParams&) -> Response {
                      throw std::runtime_error("kaboom");
                    });
  server.router.Add("GET", "/ok", [](const Request&, const PathParams&) {
    return Text("ok");
  });
  server.Start();
  auto client = server.Client();
  TestResponse r = client->Request("GET", "/boom");
  BOOST_TEST(r.status == 500);
  BOOST_TEST(r.Json().at("message").as_string() == "Internal Server Error");
  BOOST_TEST(client->Request("GET", "/ok").body == "ok");
  const std::string error = "ERROR http request_id=" +
                            r.Header("X-Request-Id") +
                            " handler for /boom threw: kaboom";
  BOOST_TEST(server.WaitForLog(error).find(error) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(security_headers_and_request_id_are_on_every_response) {
  TestServer server;
  server.router.Add("GET", "/api/x", Echo);
  server.router.Add("GET", "/ui", Echo);
  server.Start();
  auto client = server.Client();
  for (const char* target : {"/api/x", "/ui", "/api/missing", "/missing"}) {
    TestResponse r = client->Request("GET", target);
    BOOST_TEST(r.Header("X-Content-Type-Options") == "nosniff", target);
    BOOST_TEST(r.Header("X-Frame-Options") == "DENY", target);
    BOOST_TEST(r.Header("X-Request-Id").size() == 16u, target);
    bool is_api = std::string_view(target).starts_with("/api/");
    BOOST_TEST(r.Header("Cache-Control") == (is_api ? "no-store" : ""), target);
  }
  TestResponse kept =
      client->Request("GET", "/api/x", "", {{"X-Request-Id", "abc-123"}});
  BOOST_TEST(kept.Header("X-Request-Id") == "abc-123");
  TestResponse replaced = client->Request(
      "GET", "/api/x", "", {{"X-Request-Id", "evil id\" injected"}});
  BOOST_TEST(replaced.Header("X-Request-Id").size() == 16u);
}

BOOST_AUTO_TEST_CASE(a_handler_cannot_replace_the_servers_headers_or_split_one) {
  TestServer server;
  auto handler = [](const Request&, const PathParams&) {
    Response r = TextResponse(200, "body");
    r.headers = {{"X-Frame-Options", "SAMEORIGIN"},
                 {"x-content-type-options", "sniff"},
                 {"X-Request-Id", "forged"},
                 {"Cache-Control", "max-age=60"},
                 {"Content-Length", "999"},
                 {"Connection", "close"},
                 {"X-Split", "a\r\nX-Injected: 1"},
                 {"Bad Name", "x"},
                 {"X-Custom", "kept"}};
    return r;
  };
  server.router.Add("GET", "/api/h", handler);
  server.router.Add("GET", "/h", handler);
  server.Start();
  auto client = server.Client();
  for (const char* target : {"/api/h", "/h"}) {
    TestResponse r = client->Request("GET", target);
    BOOST_TEST(r.status == 200, target);
    BOOST_TEST(r.body == "body", target);  // our Content-Length, kept alive
    BOOST_TEST(r.Header("X-Frame-Options") == "DENY", target);
    BOOST_TEST(r.Header("X-Content-Type-Options") == "nosniff", target);
    BOOST_TEST(r.Header("X-Request-Id").size() == 16u, target);
    BOOST_TEST(r.Header("Connection") == "", target);
    BOOST_TEST(r.Header("X-Split") == "", target);
    BOOST_TEST(r.Header("X-Injected") == "", target);
    BOOST_TEST(r.Header("X-Custom") == "kept", target);
    bool is_api = std::string_view(target).starts_with("/api/");
    BOOST_TEST(r.Header("Cache-Control") == (is_api ? "no-store" : "max-age=60"),
               target);
  }
  // Both answers came over one connection: neither closed it.
  BOOST_TEST(client->connect_count() == 1);
}

BOOST_AUTO_TEST_CASE(the_log_line_has_no_query_headers_or_body) {
  TestServer server;
  server.router.Add("POST", "/api/keys", Echo);
  server.Start();
  auto client = server.Client();
  TestResponse r = client->Request(
      "POST", "/api/keys?token=secret-in-query", "{\"key\":\"secret-in-body\"}",
      {{"Authorization", "Bearer secret-in-header"}});
  BOOST_TEST(r.status == 200);
  server.Stop();
  std::string log = server.Log();
  BOOST_TEST(
      log.find(
          "INFO http method=POST path=/api/keys status=200 duration_ms=") !=
      std::string::npos);
  BOOST_TEST(log.find("request_id=" + r.Header("X-Request-Id")) !=
             std::string::npos);
  BOOST_TEST(log.find("secret") == std::string::npos, log);
}

BOOST_AUTO_TEST_CASE(metrics_count_requests_by_route_method_and_status) {
  TestServer server;
  server.router.Add("GET", "/api/items/:id", Echo);
  server.Start();
  auto client = server.Client();
  client->Request("GET", "/api/items/1");
  client->Request("GET", "/api/items/2");
  client->Request("GET", "/random/path");
  server.Stop();  // every log line and metric is recorded once stopped
  std::string text = server.metrics.Render();
  BOOST_TEST(text.find("keyledger_http_requests_total{route=\"/api/items/"
                       ":id\",method=\"GET\","
                       "status=\"200\"} 2\n") != std::string::npos,
             text);
  BOOST_TEST(
      text.find(
          "keyledger_http_requests_total{route=\"unmatched\",method=\"GET\","
          "status=\"404\"} 1\n") != std::string::npos);
  BOOST_TEST(text.find("keyledger_http_request_duration_seconds_count{route=\"/"
                       "api/items/:id\"}"
                       " 2\n") != std::string::npos);  // None dropped: the log output kept up.
  BOOST_TEST(text.find("keyledger_access_log_dropped_lines_total 0\n") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_blocking_handler_does_not_stall_other_connections) {
  ServerSettings settings;
  settings.io_threads = 1;  // if handlers ran on it, /release could never run
  TestServer server(settings);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  server.router.Add(
      "GET", "/block", [released](const Request&, const PathParams&) {
        bool ok = released.wait_for(10s) == std::future_status::ready;
        return Text(ok ? "released" : "timed out");
      });
  server.router.Add("GET", "/release",
                    [&release](const Request&, const PathParams&) {
                      release.set_value();
                      return Text("done");
                    });
  server.Start();
  auto blocked = std::async(std::launch::async, [&] {
    return server.Client()->Request("GET", "/block").body;
  });
  BOOST_TEST(server.Client()->Request("GET", "/release").body == "done");
  BOOST_TEST(blocked.get() == "released");
}

BOOST_AUTO_TEST_CASE(stop_lets_a_request_in_progress_finish) {
  TestServer server;
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  server.router.Add("GET", "/work",
                    [&entered, released](const Request&, const PathParams&) {
                      entered.set_value();
                      released.wait_for(10s);
                      return Text("finished");
                    });
  server.Start();
  auto client = server.Client();
  client->SendRaw(FormatRequest("GET", "/work"));
  entered.get_future().wait();
  std::thread stopper([&] { server.Stop(); });
  std::this_thread::sleep_for(100ms);  // lets Stop() begin; not an assertion
  release.set_value();
  TestResponse r = client->ReadResponse();
  stopper.join();
  BOOST_TEST(r.body == "finished");
  BOOST_TEST(r.Header("Connection") == "close");
  BOOST_CHECK_THROW(server.Client()->Request("GET", "/work"),
                    std::runtime_error);
}

// An inline handler that defers: the answer comes from another thread (as a
// write's comes from the store's writer thread) and is written on the
// connection's I/O thread, with the standard headers; no handler thread is
// used, so the Handler must never run.
BOOST_AUTO_TEST_CASE(a_deferred_answer_arrives_from_another_thread) {
  ServerSettings settings;
  settings.handler_threads = 1;
  TestServer server(settings);
  std::vector<std::thread> answerers;
  server.router.Add(
      "POST", "/later",
      [](const Request&, const PathParams&) {
        return TextResponse(500, "the handler thread ran");
      },
      [&answerers](const Request& request, const PathParams&,
                   const Responder& respond) -> InlineResult {
        if (request.body == "now") return Text("at once");
        answerers.emplace_back([respond, body = request.body] {
          std::this_thread::sleep_for(20ms);
          respond([body] { return Text("later: " + body); });
        });
        return InlineStep::kDeferred;
      });
  server.Start();
  auto client = server.Client();
  for (int i = 0; i < 3; ++i) {  // one keep-alive connection throughout
    TestResponse r = client->Request("POST", "/later", "n" + std::to_string(i));
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.body == "later: n" + std::to_string(i));
    BOOST_TEST(!r.Header("X-Request-Id").empty());
  }
  BOOST_TEST(client->Request("POST", "/later", "now").body == "at once");
  for (auto& t : answerers) t.join();
}

// Stop waits for a deferred answer in flight (its I/O thread must still run
// to write it), even past the shutdown timeout, and the client gets it.
BOOST_AUTO_TEST_CASE(stop_waits_for_a_deferred_answer) {
  ServerSettings settings;
  settings.shutdown_timeout = 0s;
  TestServer server(settings);
  std::promise<Responder> handed;
  server.router.Add(
      "GET", "/later", [](const Request&, const PathParams&) {
        return TextResponse(500, "the handler thread ran");
      },
      [&](const Request&, const PathParams&,
          const Responder& respond) -> InlineResult {
        handed.set_value(respond);
        return InlineStep::kDeferred;
      });
  server.Start();
  auto client = server.Client();
  client->SendRaw(FormatRequest("GET", "/later"));
  Responder respond = handed.get_future().get();
  std::atomic<bool> stopped{false};
  std::thread stopper([&] {
    server.Stop();
    stopped = true;
  });
  std::this_thread::sleep_for(100ms);  // lets Stop() begin; not an assertion
  BOOST_TEST(!stopped.load());
  respond([] { return Text("delivered"); });
  TestResponse r = client->ReadResponse();
  stopper.join();
  BOOST_TEST(r.body == "delivered");
  BOOST_TEST(r.Header("Connection") == "close");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http::testing
