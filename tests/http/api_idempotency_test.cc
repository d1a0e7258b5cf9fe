// Idempotency-Key on writes (SPEC §3): the first answer is replayed, one
// event is written, a different request is 422, and after a restart a
// retried create is 409 naming what was created.

#define BOOST_TEST_MODULE http_api_idempotency_test
#include <boost/test/unit_test.hpp>

#include <thread>
#include <vector>

#include "tests/http/api_fixture.h"

namespace keyledger::http::testing {
namespace {

TestHeaders Key(std::string value) { return {{"Idempotency-Key", std::move(value)}}; }

BOOST_AUTO_TEST_SUITE(api_idempotency)

BOOST_AUTO_TEST_CASE(a_retry_gets_the_same_answer_and_writes_nothing) {
  ApiFixture api;
  const std::string body = R"({"name":"once","role":"Admin"})";
  TestResponse first = api.AsAdmin("POST", "/api/auth/keys", body, Key("k-1"));
  BOOST_REQUIRE(first.status == 200);
  const uint64_t position = api.LastPosition();
  TestResponse retry = api.AsAdmin("POST", "/api/auth/keys", body, Key("k-1"));
  BOOST_TEST(retry.status == 200);
  BOOST_TEST(retry.body == first.body);
  BOOST_TEST(api.LastPosition() == position);
  BOOST_TEST(api.AsAdmin("GET", "/api/auth/keys").Json().as_array().size() == 1u);
}

BOOST_AUTO_TEST_CASE(concurrent_retries_wait_for_the_first_answer_and_replay_it) {
  ApiFixture api;
  const std::string body = R"({"name":"raced","role":"Viewer"})";
  const uint64_t position = api.LastPosition();
  std::vector<TestResponse> answers(8);
  std::vector<std::thread> clients;
  for (size_t i = 0; i < answers.size(); ++i) {
    clients.emplace_back([&, i] {
      TestClient client(api.port);
      answers[i] = client.Request(
          "POST", "/api/auth/keys", body,
          {{"Authorization", ApiFixture::Basic("admin", kAdminPassword)},
           {"Content-Type", "application/json"},
           {"Idempotency-Key", "k-raced"}});
    });
  }
  for (auto& c : clients) c.join();
  for (const auto& answer : answers) {
    BOOST_TEST(answer.status == 200, answer.body);
    BOOST_TEST(answer.body == answers[0].body);
  }
  BOOST_TEST(api.LastPosition() == position + 1);
}

BOOST_AUTO_TEST_CASE(the_same_key_with_another_request_is_422) {
  ApiFixture api;
  BOOST_REQUIRE(api.AsAdmin("POST", "/api/auth/keys", R"({"name":"a","role":"Admin"})",
                            Key("k-2"))
                    .status == 200);
  TestResponse other = api.AsAdmin("POST", "/api/auth/keys",
                                   R"({"name":"b","role":"Admin"})", Key("k-2"));
  BOOST_TEST(other.status == 422);
  BOOST_TEST(other.Json().as_object().contains("message"));
}

BOOST_AUTO_TEST_CASE(after_a_restart_a_retried_create_is_409_naming_the_key) {
  ApiFixture api;
  const std::string body = R"({"name":"svc","role":"Admin"})";
  TestResponse first = api.AsAdmin("POST", "/api/auth/keys", body, Key("k-3"));
  BOOST_REQUIRE(first.status == 200);
  const int64_t id = first.Json().at("id").as_int64();
  api.Restart();
  const uint64_t position = api.LastPosition();
  TestResponse retry = api.AsAdmin("POST", "/api/auth/keys", body, Key("k-3"));
  BOOST_TEST(retry.status == 409);
  const std::string message(retry.Json().at("message").as_string());
  BOOST_TEST(message.find("already created by this Idempotency-Key: svc (id " +
                          std::to_string(id) + ")") != std::string::npos);
  BOOST_TEST(retry.body.find("eyJ") == std::string::npos);
  BOOST_TEST(api.LastPosition() == position);
  BOOST_TEST(api.AsAdmin("POST", "/api/auth/keys", R"({"name":"x","role":"Admin"})",
                         Key("k-3"))
                 .status == 422);
}

BOOST_AUTO_TEST_CASE(after_a_restart_other_commands_answer_their_success) {
  ApiFixture api;
  CreatedKey key = api.CreateKey("k");
  const std::string path = "/api/auth/keys/" + std::to_string(key.id);
  BOOST_REQUIRE(api.AsAdmin("DELETE", path, {}, Key("d-1")).status == 200);
  api.Restart();
  TestResponse retry = api.AsAdmin("DELETE", path, {}, Key("d-1"));
  BOOST_TEST(retry.status == 200);
  BOOST_TEST(retry.Json().at("message").as_string() == "API key deleted");
  api.CreateKey("k2");
  TestResponse migrate = api.AsAdmin("POST", "/api/serviceaccounts/migrate", {}, Key("m-1"));
  BOOST_REQUIRE(migrate.status == 200);
  api.Restart();
  TestResponse again = api.AsAdmin("POST", "/api/serviceaccounts/migrate", {}, Key("m-1"));
  BOOST_TEST(again.status == 200);
  BOOST_TEST(again.body == migrate.body);
}

BOOST_AUTO_TEST_CASE(token_and_account_creates_are_idempotent_too) {
  ApiFixture api;
  TestResponse sa = api.AsAdmin("POST", "/api/serviceaccounts", R"({"name":"r"})", Key("s-1"));
  BOOST_REQUIRE(sa.status == 201);
  TestResponse sa_retry =
      api.AsAdmin("POST", "/api/serviceaccounts", R"({"name":"r"})", Key("s-1"));
  BOOST_TEST(sa_retry.status == 201);
  BOOST_TEST(sa_retry.body == sa.body);
  const std::string tokens =
      "/api/serviceaccounts/" + std::to_string(sa.Json().at("id").as_int64()) + "/tokens";
  TestResponse t = api.AsAdmin("POST", tokens, R"({"name":"t"})", Key("t-1"));
  BOOST_REQUIRE(t.status == 200);
  TestResponse t_retry = api.AsAdmin("POST", tokens, R"({"name":"t"})", Key("t-1"));
  BOOST_TEST(t_retry.body == t.body);
  BOOST_TEST(t_retry.Header("Cache-Control") == "no-store");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http::testing
