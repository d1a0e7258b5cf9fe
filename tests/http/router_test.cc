#define BOOST_TEST_MODULE http_router_test
#include "http/router.h"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <optional>
#include <stdexcept>
#include <vector>

namespace keyledger::http {
namespace {

// A handler that answers "<tag> <params...>" so tests can see who ran.
Handler Tag(std::string tag) {
  return [tag](const Request&, const PathParams& params) {
    std::string body = tag;
    for (const auto& [name, value] : params) body += " " + name + "=" + value;
    return TextResponse(200, body);
  };
}

Router MakeRouter() {
  Router router;
  router.Add("GET", "/api/serviceaccounts/:id", Tag("get-sa"));
  router.Add("DELETE", "/api/serviceaccounts/:id", Tag("delete-sa"));
  router.Add("GET", "/api/serviceaccounts/search", Tag("search"));
  router.Add("GET", "/api/serviceaccounts/:id/tokens", Tag("tokens"));
  router.Add("DELETE", "/api/serviceaccounts/:id/tokens/:tokenId",
             Tag("delete-token"));
  router.Add("GET", "/", Tag("root"));
  return router;
}

std::string Message(const Response& response) {
  return std::string(
      boost::json::parse(response.body).at("message").as_string());
}

BOOST_AUTO_TEST_SUITE(router)

BOOST_AUTO_TEST_CASE(parameters_are_captured_and_decoded) {
  Router router = MakeRouter();
  Response r = router.Dispatch(
      MakeRequest("DELETE", "/api/serviceaccounts/7/tokens/a%20b"));
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.body == "delete-token id=7 tokenId=a b");
}

BOOST_AUTO_TEST_CASE(literal_segment_beats_parameter) {
  Router router = MakeRouter();
  DispatchInfo info;
  Response r = router.Dispatch(
      MakeRequest("GET", "/api/serviceaccounts/search?query=x"), &info);
  BOOST_TEST(r.body == "search");
  BOOST_TEST(info.route == "/api/serviceaccounts/search");
  r = router.Dispatch(MakeRequest("GET", "/api/serviceaccounts/42"), &info);
  BOOST_TEST(r.body == "get-sa id=42");
  BOOST_TEST(info.route == "/api/serviceaccounts/:id");
}

BOOST_AUTO_TEST_CASE(parameter_is_tried_when_the_literal_has_no_such_method) {
  Router router = MakeRouter();
  Response r =
      router.Dispatch(MakeRequest("DELETE", "/api/serviceaccounts/search"));
  BOOST_TEST(r.body == "delete-sa id=search");
}

BOOST_AUTO_TEST_CASE(unknown_path_is_404_json) {
  Router router = MakeRouter();
  for (const char* target :
       {"/api/nothing", "/api/serviceaccounts/1/", "/api/serviceaccounts",
        "/api/serviceaccounts//tokens"}) {
    DispatchInfo info;
    Response r = router.Dispatch(MakeRequest("GET", target), &info);
    BOOST_TEST(r.status == 404, target);
    BOOST_TEST(Message(r) == "Not found");
    BOOST_TEST(r.content_type == "application/json");
    BOOST_TEST(info.route == "unmatched");
  }
}

BOOST_AUTO_TEST_CASE(known_path_with_wrong_method_is_405_with_allow) {
  Router router = MakeRouter();
  Response r = router.Dispatch(MakeRequest("POST", "/api/serviceaccounts/3"));
  BOOST_TEST(r.status == 405);
  BOOST_TEST(Message(r) == "Method not allowed");
  BOOST_REQUIRE(r.headers.size() == 1u);
  BOOST_TEST(r.headers[0].first == "Allow");
  BOOST_TEST(r.headers[0].second == "DELETE, GET");
}

BOOST_AUTO_TEST_CASE(throwing_handler_is_500_and_reported) {
  Router router;
  router.Add("GET", "/boom", [](const Request&, const PathParams&) -> Response {
    throw std::runtime_error("kaboom");
  });
  DispatchInfo info;
  Response r = router.Dispatch(MakeRequest("GET", "/boom"), &info);
  BOOST_TEST(r.status == 500);
  BOOST_TEST(Message(r) == "Internal Server Error");
  BOOST_TEST(info.handler_error == "kaboom");
  BOOST_TEST(info.route == "/boom");
}

// TryDispatchInline answers 404/405 and inline handlers that answer or
// defer; the rest (no inline handler, or one that declines) is left to
// Dispatch.
BOOST_AUTO_TEST_CASE(inline_dispatch_answers_only_what_needs_no_pool) {
  Router router;
  router.Add("GET", "/pool", Tag("pool"));
  router.Add("GET", "/fast/:id", Tag("fast-blocking"),
             [](const Request&, const PathParams& params,
                const Responder& respond) -> InlineResult {
               if (params.at("id") == "slow") return InlineStep::kDeclined;
               if (params.at("id") == "later") {
                 respond([] { return TextResponse(200, "deferred"); });
                 return InlineStep::kDeferred;
               }
               return TextResponse(200, "fast-inline " + params.at("id"));
             });
  router.Add("GET", "/throws", Tag("unused"),
             [](const Request&, const PathParams&,
                const Responder&) -> InlineResult {
               throw std::runtime_error("inline kaboom");
             });
  std::vector<AnswerThunk> answers;
  Responder respond = [&answers](AnswerThunk answer) {
    answers.push_back(std::move(answer));
  };
  auto response_of = [](const InlineResult& result) -> const Response* {
    return std::get_if<Response>(&result);
  };
  auto step_of = [](const InlineResult& result) -> std::optional<InlineStep> {
    if (const auto* step = std::get_if<InlineStep>(&result)) return *step;
    return std::nullopt;
  };
  DispatchInfo info;
  auto fast = router.TryDispatchInline(MakeRequest("GET", "/fast/1"), respond,
                                       &info);
  BOOST_REQUIRE(response_of(fast) != nullptr);
  BOOST_TEST(response_of(fast)->body == "fast-inline 1");
  BOOST_TEST(info.route == "/fast/:id");
  BOOST_TEST(answers.empty());

  DispatchInfo later_info;
  auto later = router.TryDispatchInline(MakeRequest("GET", "/fast/later"),
                                        respond, &later_info);
  BOOST_TEST((step_of(later) == InlineStep::kDeferred));
  BOOST_TEST(later_info.route == "/fast/:id");
  BOOST_REQUIRE(answers.size() == 1u);
  BOOST_TEST(RunDeferredAnswer(answers[0], later_info).body == "deferred");

  auto slow = router.TryDispatchInline(MakeRequest("GET", "/fast/slow"), respond);
  BOOST_TEST((step_of(slow) == InlineStep::kDeclined));
  BOOST_TEST(router.Dispatch(MakeRequest("GET", "/fast/slow")).body ==
             "fast-blocking id=slow");
  auto pool = router.TryDispatchInline(MakeRequest("GET", "/pool"), respond);
  BOOST_TEST((step_of(pool) == InlineStep::kDeclined));
  auto missing = router.TryDispatchInline(MakeRequest("GET", "/nothing"), respond);
  BOOST_REQUIRE(response_of(missing) != nullptr);
  BOOST_TEST(response_of(missing)->status == 404);
  auto wrong_method =
      router.TryDispatchInline(MakeRequest("POST", "/pool"), respond);
  BOOST_REQUIRE(response_of(wrong_method) != nullptr);
  BOOST_TEST(response_of(wrong_method)->status == 405);
  DispatchInfo thrown;
  auto boom =
      router.TryDispatchInline(MakeRequest("GET", "/throws"), respond, &thrown);
  BOOST_REQUIRE(response_of(boom) != nullptr);
  BOOST_TEST(response_of(boom)->status == 500);
  BOOST_TEST(thrown.handler_error == "inline kaboom");

  // A deferred answer that throws is a 500, as a handler's would be.
  DispatchInfo deferred_throw;
  Response failed = RunDeferredAnswer(
      []() -> Response { throw std::runtime_error("answer kaboom"); },
      deferred_throw);
  BOOST_TEST(failed.status == 500);
  BOOST_TEST(deferred_throw.handler_error == "answer kaboom");
}

BOOST_AUTO_TEST_CASE(root_route_matches_only_root) {
  Router router = MakeRouter();
  BOOST_TEST(router.Dispatch(MakeRequest("GET", "/")).body == "root");
  BOOST_TEST(router.Dispatch(MakeRequest("GET", "/x")).status == 404);
}

BOOST_AUTO_TEST_CASE(bad_registrations_throw) {
  Router router = MakeRouter();
  BOOST_CHECK_THROW(router.Add("GET", "/api/serviceaccounts/:id", Tag("dup")),
                    std::invalid_argument);
  BOOST_CHECK_THROW(
      router.Add("GET", "/api/serviceaccounts/:other/x", Tag("x")),
      std::invalid_argument);
  BOOST_CHECK_THROW(router.Add("GET", "relative", Tag("x")),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(query_is_decoded_with_plus_as_space) {
  Request request =
      MakeRequest("GET", "/a?query=hello+world&perpage=10&x=%26&flag");
  BOOST_TEST(request.path == "/a");
  BOOST_TEST(request.QueryValue("query") == "hello world");
  BOOST_TEST(request.QueryValue("perpage") == "10");
  BOOST_TEST(request.QueryValue("x") == "&");
  BOOST_TEST(request.HasQuery("flag"));
  BOOST_TEST(!request.HasQuery("missing"));
}

BOOST_AUTO_TEST_CASE(invalid_targets_are_rejected) {
  Request request;
  BOOST_TEST(!ParseTarget("http://example.com/", request));
  BOOST_TEST(!ParseTarget("/a%zz", request));
  BOOST_TEST(!ParseTarget("*", request));
}

BOOST_AUTO_TEST_CASE(a_target_parses_as_boost_url_parses_it) {
  // ParseTarget takes a short cut for plain paths; every target, plain or
  // not, must come out as Boost.URL's origin-form parse has it.
  for (std::string_view target :
       {"/", "//", "/api/auth/verify", "/a//b/", "/a/./b", "/a/../b", "/~u",
        "/A-Z_a.z~0-9", "/.", "/..", "/a?", "/a?b=c", "/a%2Fb", "/a+b",
        "/a:b@c", "/a;b", "/a%20b?x=%41"}) {
    auto parsed = boost::urls::parse_origin_form(target);
    BOOST_TEST_REQUIRE(parsed.has_value(), target);
    Request request;
    request.query.emplace("stale", "1");
    BOOST_TEST_REQUIRE(ParseTarget(target, request), target);
    BOOST_TEST(request.path == std::string(parsed->path()), target);
    BOOST_TEST(request.query.size() == parsed->params().size(), target);
  }
  Request request;
  for (std::string_view target : {"", "a", "/a b", "/a\"b", "/a#b", "/\x7f"}) {
    BOOST_TEST(!ParseTarget(target, request), target);
    BOOST_TEST(!boost::urls::parse_origin_form(target).has_value(), target);
  }
}

BOOST_AUTO_TEST_CASE(headers_are_case_insensitive) {
  Request request =
      MakeRequest("GET", "/", "", {{"Content-Type", "application/json"}});
  BOOST_TEST(request.Header("content-type") == "application/json");
  BOOST_TEST(request.Header("CONTENT-TYPE") == "application/json");
  BOOST_TEST(request.Header("Accept") == "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http
