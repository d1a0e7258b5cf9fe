// Service accounts and tokens over HTTP: reference §3.3, §6 cases 20-38.

#define BOOST_TEST_MODULE http_api_service_accounts_test
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "tests/http/api_fixture.h"

namespace keyledger::http::testing {
namespace {

std::string Message(const TestResponse& r) {
  return std::string(r.Json().at("message").as_string());
}
std::string SaPath(int64_t id, std::string_view rest = "") {
  return "/api/serviceaccounts/" + std::to_string(id) + std::string(rest);
}

BOOST_AUTO_TEST_SUITE(api_service_accounts)

BOOST_AUTO_TEST_CASE(create_answers_201_with_the_dto) {  // §6 #30
  ApiFixture api;
  TestResponse r = api.AsAdmin("POST", "/api/serviceaccounts",
                               R"({"name":"New SA","role":"Viewer"})");
  BOOST_TEST(r.status == 201);
  const auto sa = r.Json().as_object();
  BOOST_TEST(sa.at("login").as_string() == "sa-1-new-sa");
  BOOST_TEST(sa.at("name").as_string() == "New SA");
  BOOST_TEST(sa.at("role").as_string() == "Viewer");
  BOOST_TEST(sa.at("orgId").as_int64() == 1);
  BOOST_TEST(sa.at("tokens").as_int64() == 0);
  BOOST_TEST(sa.at("isDisabled").as_bool() == false);
}

BOOST_AUTO_TEST_CASE(create_rejects_bad_input_and_callers) {  // §6 #31-35
  ApiFixture api;
  api.CreateServiceAccount("taken");
  TestResponse random = api.AsAdmin("POST", "/api/serviceaccounts",
                                    R"({"name":"x","role":"Random"})");
  BOOST_TEST(random.status == 400);
  TestResponse dup = api.AsAdmin("POST", "/api/serviceaccounts", R"({"name":"taken"})");
  BOOST_TEST(dup.status == 400);
  BOOST_TEST(Message(dup) == "service account already exists");
  TestResponse empty = api.AsAdmin("POST", "/api/serviceaccounts", "");
  BOOST_TEST(empty.status == 400);
  BOOST_TEST(Message(empty).starts_with("Bad request data"));
  BOOST_TEST(api.AsAdmin("POST", "/api/serviceaccounts", R"({"name":"x","isDisabled":"no"})")
                 .status == 400);
  api.CreateUser("viewer", "pw-viewer", 1, "Viewer");
  BOOST_TEST(api.AsUser("viewer", "pw-viewer", "POST", "/api/serviceaccounts",
                        R"({"name":"v"})")
                 .status == 403);
  CreatedKey editor_key = api.CreateKey("ed", "Editor");
  BOOST_TEST(api.AsKey(editor_key.secret, "POST", "/api/serviceaccounts",
                       R"({"name":"v"})")
                 .status == 403);
}

BOOST_AUTO_TEST_CASE(get_answers_the_profile_or_404_or_400) {  // §6 #37
  ApiFixture api;
  const int64_t id = api.CreateServiceAccount("robot", "Editor");
  TestResponse r = api.AsAdmin("GET", SaPath(id));
  BOOST_TEST(r.status == 200);
  const auto profile = r.Json().as_object();
  BOOST_TEST(profile.at("id").as_int64() == id);
  BOOST_TEST(profile.at("login").as_string() == "sa-1-robot");
  BOOST_TEST(profile.at("teams").as_array().empty());
  BOOST_TEST(profile.contains("createdAt"));
  BOOST_TEST(api.AsAdmin("GET", SaPath(12345)).status == 404);
  TestResponse bad = api.AsAdmin("GET", "/api/serviceaccounts/xyz");
  BOOST_TEST(bad.status == 400);
  BOOST_TEST(Message(bad) == "Service Account ID is invalid");
}

BOOST_AUTO_TEST_CASE(patch_updates_and_answers_the_profile) {  // §6 #38
  ApiFixture api;
  const int64_t id = api.CreateServiceAccount("robot", "Editor");
  TestResponse r = api.AsAdmin("PATCH", SaPath(id),
                               R"({"name":"robot2","role":"Viewer","isDisabled":true})");
  BOOST_TEST(r.status == 200);
  const auto body = r.Json().as_object();
  BOOST_TEST(body.at("message").as_string() == "Service account updated");
  BOOST_TEST(body.at("id").as_int64() == id);
  BOOST_TEST(body.at("name").as_string() == "robot2");
  BOOST_TEST(body.at("serviceaccount").at("role").as_string() == "Viewer");
  BOOST_TEST(body.at("serviceaccount").at("isDisabled").as_bool() == true);
  TestResponse noop = api.AsAdmin("PATCH", SaPath(id), "{}");
  // An empty body is a no-op that still answers the profile (reference §3.3).
  BOOST_TEST(noop.status == 200, noop.body);
  if (noop.status == 200) BOOST_TEST(noop.Json().at("name").as_string() == "robot2");
  BOOST_TEST(api.AsAdmin("PATCH", SaPath(id), R"({"role":"Random"})").status == 400);
  BOOST_TEST(api.AsAdmin("PATCH", SaPath(999), R"({"name":"z"})").status == 404);
}

BOOST_AUTO_TEST_CASE(delete_removes_the_account_and_its_tokens) {  // §6 #36
  ApiFixture api;
  const int64_t id = api.CreateServiceAccount("robot");
  CreatedKey token = api.CreateToken(id, "t1");
  BOOST_TEST(api.AsKey(token.secret, "GET", "/api/auth/verify").status == 200);
  TestResponse r = api.AsAdmin("DELETE", SaPath(id));
  BOOST_TEST(r.status == 200);
  BOOST_TEST(Message(r) == "Service account deleted");
  TestResponse after = api.AsKey(token.secret, "GET", "/api/auth/verify");
  BOOST_TEST(after.status == 401);
  BOOST_TEST(Message(after) == "Invalid API key");
  BOOST_TEST(api.AsAdmin("DELETE", SaPath(id)).status == 404);
  TestResponse bad = api.AsAdmin("DELETE", "/api/serviceaccounts/1x");
  BOOST_TEST(bad.status == 400);
  BOOST_TEST(Message(bad) == "Service account ID is invalid");
}

BOOST_AUTO_TEST_CASE(search_pages_filters_and_orders_by_login) {  // §6 #20
  ApiFixture api;
  for (const char* name : {"satest-3", "SaTest-1", "other", "satest-2"}) {
    api.CreateServiceAccount(name);
  }
  const int64_t disabled = api.CreateServiceAccount("sleepy");
  BOOST_REQUIRE(api.AsAdmin("PATCH", SaPath(disabled), R"({"isDisabled":true})").status ==
                200);
  TestResponse all = api.AsAdmin("GET", "/api/serviceaccounts/search");
  BOOST_REQUIRE(all.status == 200);
  BOOST_TEST(all.Json().at("totalCount").as_int64() == 5);
  BOOST_TEST(all.Json().at("perPage").as_int64() == 1000);
  BOOST_TEST(all.Json().at("page").as_int64() == 1);
  BOOST_TEST(all.Json().at("serviceAccounts").as_array()[0].at("login").as_string() ==
             "sa-1-other");
  TestResponse query = api.AsAdmin("GET", "/api/serviceaccounts/search?query=SA-1-SaTeSt");
  BOOST_TEST(query.Json().at("totalCount").as_int64() == 3);
  TestResponse page = api.AsAdmin("GET", "/api/serviceaccounts/search?perpage=2&page=3");
  BOOST_TEST(page.Json().at("totalCount").as_int64() == 5);
  BOOST_TEST(page.Json().at("serviceAccounts").as_array().size() == 1u);
  TestResponse off = api.AsAdmin("GET", "/api/serviceaccounts/search?disabled=true");
  BOOST_TEST(off.Json().at("totalCount").as_int64() == 1);
  BOOST_TEST(api.AsAdmin("GET", "/api/serviceaccounts/search?perpage=abc").status == 400);
  TestResponse huge = api.AsAdmin("GET", "/api/serviceaccounts/search?perpage=5000");
  BOOST_TEST(huge.Json().at("perPage").as_int64() == 1000);
}

BOOST_AUTO_TEST_CASE(search_filters_accounts_with_expired_tokens) {
  ApiFixture api;
  const int64_t a = api.CreateServiceAccount("a");
  api.CreateServiceAccount("b");
  BOOST_REQUIRE(api.AsAdmin("POST", SaPath(a, "/tokens"),
                            R"({"name":"short","secondsToLive":5})")
                    .status == 200);
  api.AdvanceClock(10);
  TestResponse r = api.AsAdmin("GET", "/api/serviceaccounts/search?expiredTokens=true");
  BOOST_TEST(r.Json().at("totalCount").as_int64() == 1);
  BOOST_TEST(r.Json().at("serviceAccounts").as_array()[0].at("id").as_int64() == a);
  BOOST_TEST(r.Json().at("serviceAccounts").as_array()[0].at("tokens").as_int64() == 1);
}

// ---- tokens ----

BOOST_AUTO_TEST_CASE(token_create_list_and_authenticate) {
  ApiFixture api;
  const int64_t sa = api.CreateServiceAccount("robot", "Editor");
  TestResponse r = api.AsAdmin("POST", SaPath(sa, "/tokens"),
                               R"({"name":"t1","secondsToLive":3600})");
  BOOST_REQUIRE(r.status == 200);
  BOOST_TEST(r.Header("Cache-Control") == "no-store");
  const std::string secret(r.Json().at("key").as_string());
  BOOST_TEST(secret.starts_with("glsa_"));
  TestResponse list = api.AsAdmin("GET", SaPath(sa, "/tokens"));
  BOOST_REQUIRE(list.status == 200);
  BOOST_TEST(list.body.find(secret) == std::string::npos);
  const auto token = list.Json().as_array().at(0).as_object();
  BOOST_TEST(token.at("name").as_string() == "t1");
  BOOST_TEST(token.at("hasExpired").as_bool() == false);
  BOOST_TEST(token.at("isRevoked").as_bool() == false);
  BOOST_TEST(token.at("secondsUntilExpiration").as_double() == 3600.0);
  BOOST_TEST(token.contains("created"));
  BOOST_TEST(token.contains("expiration"));
  TestResponse verify = api.AsKey(secret, "GET", "/api/auth/verify");
  BOOST_TEST(verify.status == 200);
  BOOST_TEST(verify.Header("X-Keyledger-Identity") == "service-account:" + std::to_string(sa));
  BOOST_TEST(verify.Header("X-Keyledger-Role") == "Editor");
  BOOST_TEST(verify.Header("X-Keyledger-Org-Id") == "1");
}

// Token creation answers from the I/O thread once durable (many clients at
// once share group commits): every answer is a distinct token that works,
// one event each, and still works after a restart.
BOOST_AUTO_TEST_CASE(concurrent_token_creations_are_each_durable) {
  ApiFixture api;
  const int64_t sa = api.CreateServiceAccount("crowd", "Viewer");
  const CreatedKey admin_key = api.CreateKey("creator", "Admin");
  const uint64_t before = api.LastPosition();
  constexpr int kClients = 8, kEach = 6;
  std::vector<std::vector<std::string>> secrets(kClients);
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      TestClient client(api.port);
      // Half as the admin user (Basic), half with an admin key (Bearer).
      const std::string auth = c % 2 == 0
                                   ? ApiFixture::Basic("admin", kAdminPassword)
                                   : "Bearer " + admin_key.secret;
      for (int i = 0; i < kEach; ++i) {
        TestResponse r = client.Request(
            "POST", SaPath(sa, "/tokens"),
            R"({"name":"t-)" + std::to_string(c) + "-" + std::to_string(i) + R"("})",
            {{"Authorization", auth}});
        if (r.status == 200) {
          secrets[c].emplace_back(r.Json().at("key").as_string());
        } else {
          secrets[c].emplace_back("status " + std::to_string(r.status));
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  std::set<std::string> distinct;
  for (const auto& list : secrets) distinct.insert(list.begin(), list.end());
  BOOST_TEST(distinct.size() == size_t{kClients * kEach});
  BOOST_TEST(api.LastPosition() == before + kClients * kEach);
  api.Restart();
  for (const std::string& secret : distinct) {
    BOOST_TEST(api.AsKey(secret, "GET", "/api/auth/verify").status == 200,
               secret);
  }
}

// The server stops (a restart) while clients create tokens: every token
// that was answered 200 is there afterwards; requests the stop cut off get
// no answer (or 503), never a 200 for a token that is missing.
BOOST_AUTO_TEST_CASE(tokens_answered_during_a_stop_survive_it) {
  ApiFixture api;
  const int64_t sa = api.CreateServiceAccount("stopper", "Viewer");
  std::atomic<bool> done{false};
  std::vector<std::vector<std::string>> secrets(4);
  std::vector<std::thread> clients;
  for (size_t c = 0; c < secrets.size(); ++c) {
    clients.emplace_back([&, c] {
      TestClient client(api.port);
      for (int i = 0; !done.load(); ++i) {
        try {
          TestResponse r = client.Request(
              "POST", SaPath(sa, "/tokens"),
              R"({"name":"s-)" + std::to_string(c) + "-" + std::to_string(i) + R"("})",
              {{"Authorization", ApiFixture::Basic("admin", kAdminPassword)}});
          if (r.status == 200) secrets[c].emplace_back(r.Json().at("key").as_string());
        } catch (const std::runtime_error&) {
          // cut off by the stop, or the port is closed until the restart
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // load first
  api.Restart();
  done = true;
  for (auto& t : clients) t.join();
  size_t answered = 0;
  for (const auto& list : secrets) {
    for (const std::string& secret : list) {
      ++answered;
      BOOST_TEST(api.AsKey(secret, "GET", "/api/auth/verify").status == 200);
    }
  }
  BOOST_TEST(answered > 0u);
}

BOOST_AUTO_TEST_CASE(token_routes_answer_404_for_an_unknown_account) {  // §6 #28, #29
  ApiFixture api;
  BOOST_TEST(api.AsAdmin("GET", SaPath(77, "/tokens")).status == 404);
  BOOST_TEST(api.AsAdmin("POST", SaPath(77, "/tokens"), R"({"name":"x"})").status == 404);
  BOOST_TEST(api.AsAdmin("DELETE", SaPath(77, "/tokens/1")).status == 404);
  TestResponse bad = api.AsAdmin("GET", "/api/serviceaccounts/x/tokens");
  BOOST_TEST(bad.status == 400);
  const int64_t sa = api.CreateServiceAccount("robot");
  TestResponse bad_token = api.AsAdmin("DELETE", SaPath(sa, "/tokens/zz"));
  BOOST_TEST(bad_token.status == 400);
  BOOST_TEST(Message(bad_token) == "Token ID is invalid");
}

BOOST_AUTO_TEST_CASE(token_duplicate_name_and_bad_ttl) {
  ApiFixture api;
  const int64_t sa = api.CreateServiceAccount("robot");
  api.CreateToken(sa, "t1");
  TestResponse dup = api.AsAdmin("POST", SaPath(sa, "/tokens"), R"({"name":"t1"})");
  BOOST_TEST(dup.status == 409);
  BOOST_TEST(Message(dup) ==
             "service account token with given name already exists in the organization");
  BOOST_TEST(api.AsAdmin("POST", SaPath(sa, "/tokens"),
                         R"({"name":"t2","secondsToLive":-10})")
                 .status == 400);  // §6 #22
  BOOST_TEST(api.AsAdmin("POST", SaPath(sa, "/tokens"), R"({"secondsToLive":10})").status ==
             400);
}

BOOST_AUTO_TEST_CASE(revoked_tokens_stay_listed_and_fail_authentication) {  // §6 #24
  ApiFixture api;
  const int64_t sa = api.CreateServiceAccount("robot");
  CreatedKey token = api.CreateToken(sa, "t1");
  TestResponse r = api.AsAdmin(
      "POST", SaPath(sa, "/tokens/" + std::to_string(token.id) + "/revoke"));
  BOOST_TEST(r.status == 200);
  TestResponse list = api.AsAdmin("GET", SaPath(sa, "/tokens"));
  BOOST_TEST(list.Json().as_array().at(0).at("isRevoked").as_bool() == true);
  TestResponse auth = api.AsKey(token.secret, "GET", "/api/auth/verify");
  BOOST_TEST(auth.status == 401);
  BOOST_TEST(Message(auth) == "Revoked API key");
}

BOOST_AUTO_TEST_CASE(token_delete_needs_the_right_account) {  // §6 #25
  ApiFixture api;
  const int64_t sa = api.CreateServiceAccount("robot");
  const int64_t other = api.CreateServiceAccount("other");
  CreatedKey token = api.CreateToken(sa, "t1");
  const std::string tail = "/tokens/" + std::to_string(token.id);
  BOOST_TEST(api.AsAdmin("DELETE", SaPath(other, tail)).status == 404);
  TestResponse ok = api.AsAdmin("DELETE", SaPath(sa, tail));
  BOOST_TEST(ok.status == 200);
  BOOST_TEST(Message(ok) == "Service account token deleted");
  BOOST_TEST(api.AsAdmin("GET", SaPath(sa, "/tokens")).Json().as_array().empty());
}

BOOST_AUTO_TEST_CASE(the_day_limit_requires_an_expiry) {  // SPEC §8
  ApiFixture api(domain::Limits{.api_key_max_seconds_to_live = -1,
                                .token_expiration_day_limit = 4});
  const int64_t sa = api.CreateServiceAccount("robot");
  BOOST_TEST(api.AsAdmin("POST", SaPath(sa, "/tokens"), R"({"name":"t"})").status == 400);
  BOOST_TEST(api.AsAdmin("POST", SaPath(sa, "/tokens"),
                         R"({"name":"t","secondsToLive":86400})")
                 .status == 200);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http::testing
