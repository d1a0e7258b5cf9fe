// Durability under crashes: `keyledger serve` under concurrent write load over
// HTTP is killed with SIGKILL at random moments, six times, and restarted on
// the same data. Every write that was answered 2xx must be there after every
// restart, ids are never reused, and after each crash `keyledger verify` and
// `keyledger rebuild --verify` (views equal a rebuild from the log) pass.

#define BOOST_TEST_MODULE reliability_http_crash_test
#include <atomic>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/http/test_client.h"
#include "tests/reliability/reliability_util.h"
#include "tests/reliability/server_process.h"

namespace keyledger::testing {
namespace {

using http::testing::TestClient;
using http::testing::TestResponse;

constexpr int kCycles = 6;
constexpr int kWriters = 4;

enum class Kind { kKey, kServiceAccount, kToken };

struct Acked {
  Kind kind;
  int64_t id;
  std::string name;
  int64_t service_account = 0;  // tokens: their account
};

class AckLog {
 public:
  void Add(Acked a) {
    std::lock_guard lock(mutex_);
    acked_.push_back(std::move(a));
  }
  std::vector<Acked> All() {
    std::lock_guard lock(mutex_);
    return acked_;
  }

 private:
  std::mutex mutex_;
  std::vector<Acked> acked_;
};

// Writes until `stop` or until the connection fails (the server was killed).
void Writer(uint16_t port, int cycle, int thread, AckLog& log,
            const std::atomic<bool>& stop) {
  TestClient client(port, Options(std::chrono::seconds(20)));
  const http::testing::TestHeaders auth = {{"Authorization", AdminBasic()}};
  int64_t own_sa = 0;
  try {
    for (int i = 0; i < 100000 && !stop; ++i) {
      const std::string suffix = std::to_string(cycle) + "-" +
                                 std::to_string(thread) + "-" +
                                 std::to_string(i);
      const int what = own_sa == 0 ? 1 : i % 3;
      if (what == 0) {
        const std::string name = "key-" + suffix;
        TestResponse r =
            client.Request("POST", "/api/auth/keys",
                           R"({"name":")" + name +
                               R"(","role":"Viewer","secondsToLive":86400})",
                           auth);
        if (r.status == 200) {
          log.Add({Kind::kKey, r.Json().at("id").as_int64(), name});
        }
      } else if (what == 1) {
        const std::string name = "sa-" + suffix;
        TestResponse r = client.Request(
            "POST", "/api/serviceaccounts",
            R"({"name":")" + name + R"(","role":"Viewer"})", auth);
        if (r.status == 201) {
          own_sa = r.Json().at("id").as_int64();
          log.Add({Kind::kServiceAccount, own_sa, name});
        }
      } else {
        const std::string name = "tok-" + suffix;
        TestResponse r = client.Request(
            "POST",
            "/api/serviceaccounts/" + std::to_string(own_sa) + "/tokens",
            R"({"name":")" + name + R"(","secondsToLive":86400})", auth);
        if (r.status == 200) {
          log.Add({Kind::kToken, r.Json().at("id").as_int64(), name, own_sa});
        }
      }
    }
  } catch (const std::exception&) {
    // The server went away mid-request: that write is unacknowledged.
  }
}

// Checks through the API that every acknowledged write is present.
void CheckAllPresent(uint16_t port, const std::vector<Acked>& acked) {
  TestClient client(port, Options(std::chrono::seconds(30)));
  const http::testing::TestHeaders auth = {{"Authorization", AdminBasic()}};
  TestResponse keys =
      client.Request("GET", "/api/auth/keys?includeExpired=true", {}, auth);
  BOOST_REQUIRE_EQUAL(keys.status, 200);
  std::map<int64_t, std::string> listed_keys;
  const boost::json::value key_list = keys.Json();
  for (const auto& k : key_list.as_array()) {
    listed_keys[k.at("id").as_int64()] = std::string(k.at("name").as_string());
  }
  std::map<int64_t, std::set<int64_t>> tokens_of;  // fetched lazily per account
  int checked = 0;
  for (const Acked& a : acked) {
    if (a.kind == Kind::kKey) {
      BOOST_TEST((listed_keys.contains(a.id) && listed_keys[a.id] == a.name),
                 "acknowledged key " << a.id << " " << a.name << " is missing");
    } else if (a.kind == Kind::kServiceAccount) {
      TestResponse r = client.Request(
          "GET", "/api/serviceaccounts/" + std::to_string(a.id), {}, auth);
      BOOST_TEST((r.status == 200 && r.Json().at("name").as_string() == a.name),
                 "acknowledged service account "
                     << a.id << " " << a.name << " is missing: " << r.status);
    } else {
      if (!tokens_of.contains(a.service_account)) {
        TestResponse r =
            client.Request("GET",
                           "/api/serviceaccounts/" +
                               std::to_string(a.service_account) + "/tokens",
                           {}, auth);
        BOOST_REQUIRE_EQUAL(r.status, 200);
        const boost::json::value token_list = r.Json();
        for (const auto& t : token_list.as_array()) {
          tokens_of[a.service_account].insert(t.at("id").as_int64());
        }
      }
      BOOST_TEST(
          tokens_of[a.service_account].contains(a.id),
          "acknowledged token " << a.id << " " << a.name << " is missing");
    }
    ++checked;
  }
  BOOST_TEST_MESSAGE("checked " << checked << " acknowledged writes");
}

BOOST_AUTO_TEST_SUITE(http_crash)

BOOST_AUTO_TEST_CASE(every_acknowledged_write_survives_sigkill_under_load) {
  TempDir dir;
  ServerProcess server(dir.path());
  AckLog log;
  std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<int> kill_after_ms(0, 1500);

  for (int cycle = 0; cycle < kCycles; ++cycle) {
    server.Start();
    CheckAllPresent(server.port(), log.All());
    const size_t acked_before = log.All().size();
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int t = 0; t < kWriters; ++t) {
      writers.emplace_back(Writer, server.port(), cycle, t, std::ref(log),
                           std::cref(stop));
    }
    // Wait (bounded) until the load runs, then kill at a random moment.
    for (int i = 0; i < 3000 && log.All().size() == acked_before; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(kill_after_ms(rng)));
    const int status = server.Kill(SIGKILL);
    BOOST_TEST((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
    stop = true;
    for (std::thread& w : writers) w.join();
    BOOST_TEST_MESSAGE("cycle " << cycle << ": "
                                << log.All().size() - acked_before
                                << " writes acknowledged before SIGKILL");
    BOOST_TEST(log.All().size() > acked_before,
               "no write was acknowledged in cycle " << cycle);

    const CommandResult verify =
        RunCommand({"verify", "--data-dir", server.data_dir()});
    BOOST_TEST(verify.exit_code == 0,
               "verify after crash " << cycle << ": " << verify.output);
    const CommandResult rebuild =
        RunCommand({"rebuild", "--data-dir", server.data_dir(), "--verify"});
    BOOST_TEST(rebuild.exit_code == 0, "rebuild --verify after crash "
                                           << cycle << ": " << rebuild.output);
  }

  // Ids are allocated once and never reused.
  const std::vector<Acked> acked = log.All();
  std::set<std::pair<int, int64_t>> ids;
  for (const Acked& a : acked) {
    const int space =
        a.kind == Kind::kServiceAccount ? 1 : 0;  // keys+tokens share
    BOOST_TEST(ids.insert({space, a.id}).second,
               "id " << a.id << " was handed out twice");
  }
  server.Start();
  CheckAllPresent(server.port(), acked);
  BOOST_TEST(server.Stop());
  const CommandResult verify =
      RunCommand({"verify", "--data-dir", server.data_dir()});
  BOOST_TEST(verify.exit_code == 0, verify.output);
  const CommandResult rebuild =
      RunCommand({"rebuild", "--data-dir", server.data_dir(), "--verify"});
  BOOST_TEST(rebuild.exit_code == 0, rebuild.output);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::testing
