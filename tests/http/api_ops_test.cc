#define BOOST_TEST_MODULE http_api_ops_test
#include <boost/test/unit_test.hpp>
#include <future>
#include <memory>
#include <string>
#include <variant>

#include "http/api.h"
#include "http/ops_handlers.h"
#include "tests/http/api_fixture.h"
#include "tests/http/test_server.h"

namespace keyledger::http::testing {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The value of one series of the metrics' text; 0 when it is absent.
long SeriesValue(const std::string& text, const std::string& series) {
  const size_t at = text.find(series + " ");
  if (at == std::string::npos) return 0;
  return std::stol(text.substr(at + series.size() + 1));
}

BOOST_AUTO_TEST_SUITE(api_ops)

BOOST_AUTO_TEST_CASE(health_needs_no_credentials_and_reports_the_store_ok) {
  ApiFixture api;
  TestResponse r = api.Anonymous("GET", "/api/health");
  BOOST_TEST(r.status == 200);
  const auto body = r.Json().as_object();
  BOOST_TEST(body.at("database").as_string() == "ok");
  BOOST_TEST(body.at("version").as_string() == ApiSettings{}.version);
}

BOOST_AUTO_TEST_CASE(
    metrics_export_requests_store_position_and_projection_lag) {
  ApiFixture api;
  api.CreateKey("ci");
  BOOST_TEST(api.Anonymous("GET", "/api/health").status == 200);
  TestResponse r = api.Anonymous("GET", "/metrics");
  BOOST_TEST_REQUIRE(r.status == 200);
  BOOST_TEST(r.Header("Content-Type").starts_with("text/plain; version=0.0.4"));
  const std::string text = r.body;
  BOOST_TEST(Contains(text, "keyledger_event_store_last_position " +
                                std::to_string(api.LastPosition()) + "\n"));
  for (const char* view : {"keys", "service-accounts", "identity", "audit"}) {
    BOOST_TEST(
        Contains(text, std::string("keyledger_projection_lag_events{view=\"") +
                           view + "\"} 0\n"),
        view);
    BOOST_TEST(
        Contains(text, std::string("keyledger_projection_checkpoint{view=\"") +
                           view + "\"} " + std::to_string(api.LastPosition()) +
                           "\n"),
        view);
  }
  BOOST_TEST(Contains(text, "keyledger_build_info{version=\"" +
                                ApiSettings{}.version + "\"} 1\n"));
  BOOST_TEST(Contains(text, "keyledger_http_requests_total{"));
  BOOST_TEST(Contains(text, "route=\"/api/health\""));
  BOOST_TEST(Contains(text, "# TYPE keyledger_auth_results_total counter"));
}

BOOST_AUTO_TEST_CASE(auth_results_are_counted_by_result) {
  ApiFixture api;
  CountAuthResult(*api.metrics, "success");
  CountAuthResult(*api.metrics, "success");
  CountAuthResult(*api.metrics, "expired");
  const std::string text = api.Anonymous("GET", "/metrics").body;
  BOOST_TEST(
      Contains(text, "keyledger_auth_results_total{result=\"success\"} 2\n"));
  BOOST_TEST(
      Contains(text, "keyledger_auth_results_total{result=\"expired\"} 1\n"));
}

// CountAuthResult remembers series per thread; they must follow the Metrics
// object passed, also when one is destroyed and another takes its place.
BOOST_AUTO_TEST_CASE(auth_results_count_into_the_metrics_passed) {
  auto first = std::make_unique<Metrics>();
  Metrics second;
  CountAuthResult(*first, "success");
  CountAuthResult(second, "success");
  CountAuthResult(*first, "expired");
  CountAuthResult(second, "success");
  BOOST_TEST(Contains(first->Render(),
                      "keyledger_auth_results_total{result=\"success\"} 1\n"));
  BOOST_TEST(Contains(first->Render(),
                      "keyledger_auth_results_total{result=\"expired\"} 1\n"));
  BOOST_TEST(Contains(second.Render(),
                      "keyledger_auth_results_total{result=\"success\"} 2\n"));
  BOOST_TEST(!Contains(second.Render(), "expired"));
  first.reset();
  Metrics third;  // may reuse the first one's address
  CountAuthResult(third, "success");
  BOOST_TEST(Contains(third.Render(),
                      "keyledger_auth_results_total{result=\"success\"} 1\n"));
}

// An Api with [metrics] basic auth on a plain TestServer over the fixture's
// ledger.
struct ProtectedMetrics {
  explicit ProtectedMetrics(ApiFixture& fixture)
      : api(*fixture.ledger, server.metrics,
            ApiSettings{.metrics_user = "prom", .metrics_password = "s3cret"}) {
    api.AddRoutes(server.router);
    server.Start();
    client = server.Client();
  }
  TestServer server;
  Api api;
  std::unique_ptr<TestClient> client;
};

BOOST_AUTO_TEST_CASE(metrics_require_basic_auth_when_configured) {
  ApiFixture fixture;
  ProtectedMetrics p(fixture);
  TestResponse none = p.client->Request("GET", "/metrics");
  BOOST_TEST(none.status == 401);
  BOOST_TEST(none.Header("WWW-Authenticate").starts_with("Basic"));
  BOOST_TEST(none.Json().at("message").as_string() == "Unauthorized");
  TestResponse wrong = p.client->Request(
      "GET", "/metrics", {},
      {{"Authorization", ApiFixture::Basic("prom", "wrong")}});
  BOOST_TEST(wrong.status == 401);
  BOOST_TEST(!Contains(wrong.body, "keyledger_"));
  TestResponse admin = p.client->Request(
      "GET", "/metrics", {},
      {{"Authorization",
        ApiFixture::Basic("admin", std::string(kAdminPassword))}});
  BOOST_TEST(admin.status == 401);
  TestResponse right = p.client->Request(
      "GET", "/metrics", {},
      {{"Authorization", ApiFixture::Basic("prom", "s3cret")}});
  BOOST_TEST(right.status == 200);
  BOOST_TEST(Contains(right.body, "keyledger_event_store_last_position"));
  // Health stays open.
  BOOST_TEST(p.client->Request("GET", "/api/health").status == 200);
}

// A write that an I/O thread authenticated and then declined (a request with
// its Idempotency-Key was still being answered) is authenticated again on a
// handler thread: the request's authentication is counted once.
BOOST_AUTO_TEST_CASE(a_declined_write_counts_its_authentication_once) {
  ApiFixture api;
  const int64_t sa = api.CreateServiceAccount("robot");
  const CreatedKey key = api.CreateKey("writer", "Admin");
  const std::string series =
      "keyledger_auth_results_total{result=\"success-api-key\"}";
  const long before = SeriesValue(api.metrics->Render(), series);
  auto make_request = [&] {
    Request request = MakeRequest(
        "POST", "/api/serviceaccounts/" + std::to_string(sa) + "/tokens",
        R"({"name":"t1"})",
        {{"Authorization", "Bearer " + key.secret},
         {"Content-Type", "application/json"},
         {"Idempotency-Key", "retry-1"}});
    request.client_address = "127.0.0.1";
    return request;
  };
  const Request request = make_request();
  // The first request is durable but not answered yet: it holds its key.
  std::promise<AnswerThunk> durable;
  const InlineResult first = api.router->TryDispatchInline(
      request, [&](AnswerThunk answer) { durable.set_value(std::move(answer)); });
  BOOST_REQUIRE(std::holds_alternative<InlineStep>(first));
  BOOST_REQUIRE(std::get<InlineStep>(first) == InlineStep::kDeferred);
  AnswerThunk first_answer = durable.get_future().get();
  // Its retry, on an I/O thread: it would wait for the key, so it declines.
  const Request retry = make_request();
  const InlineResult declined = api.router->TryDispatchInline(
      retry, [](AnswerThunk) { BOOST_FAIL("a declined request answered"); });
  BOOST_REQUIRE(std::holds_alternative<InlineStep>(declined));
  BOOST_TEST((std::get<InlineStep>(declined) == InlineStep::kDeclined));
  BOOST_TEST(first_answer().status == 200);
  first_answer = nullptr;  // the answer gives up the key
  // On a handler thread, the retry gets the first request's answer.
  BOOST_TEST(api.router->Dispatch(retry).status == 200);
  BOOST_TEST(SeriesValue(api.metrics->Render(), series) == before + 2);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http::testing
