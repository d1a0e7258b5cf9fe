#define BOOST_TEST_MODULE replay_command_test
#include <boost/test/unit_test.hpp>

#include <boost/json.hpp>
#include <sstream>
#include <thread>

#include "../projections/ledger_fixture.h"
#include "projections/ledger.h"
#include "run_keyledger.h"

namespace d = keyledger::domain;
using keyledger::testing::LedgerFixture;
using keyledger::testing::RunKeyledger;

namespace {

// A history on the real clock, so recorded times and expiries agree. The
// fixture keeps the store open: every run below reads it while it is "live".
struct ReplayFixture : LedgerFixture {
  ReplayFixture() {
    now = keyledger::projections::SystemClockSeconds();
    short_key = CreateKey("short-lived", 1, 2);
    long_key = CreateKey("long-lived", 1, 3600);
    account = CreateServiceAccount("robot");
    token = CreateToken(account, "robot-token");
    created_at = now.load();
  }
  std::string Replay(const std::string& args) {
    auto r = RunKeyledger("replay --data-dir " + dir.string() + " " + args);
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.output);
    return r.output;
  }
  int64_t short_key, long_key, account, token, created_at;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(replay_prints_one_line_per_event_in_order, ReplayFixture) {
  const auto lines = Lines(Replay(""));
  BOOST_TEST(lines.size() == store->LastPosition());
  BOOST_TEST(lines[0].find("OrgCreated") != std::string::npos);
  BOOST_TEST(lines.back().find("TokenCreated") != std::string::npos);
  BOOST_TEST(lines.back().find("robot-token") != std::string::npos);
  // Hashes are left out: no stored hash appears in the output.
  const d::State state = StateCopy();
  for (const auto& [id, key] : state.keys) {
    BOOST_TEST(Replay("").find(key.hash.hex) == std::string::npos);
  }
}

BOOST_FIXTURE_TEST_CASE(replay_json_prints_one_object_per_line, ReplayFixture) {
  const auto lines = Lines(Replay("--format json"));
  BOOST_TEST_REQUIRE(lines.size() == store->LastPosition());
  uint64_t expected_position = 1;
  for (const auto& line : lines) {
    const auto object = boost::json::parse(line).as_object();
    BOOST_TEST(object.at("position").to_number<uint64_t>() == expected_position++);
    BOOST_TEST(object.contains("actor"));
    BOOST_TEST(object.contains("action"));
  }
  const auto last = boost::json::parse(lines.back()).as_object();
  BOOST_TEST(last.at("action").as_string() == "TokenCreated");
  BOOST_TEST(last.at("target").at("id").as_int64() == token);
  BOOST_TEST(last.at("actor").at("login").as_string() == "admin");
}

BOOST_FIXTURE_TEST_CASE(replay_filters_by_key_org_actor_and_time, ReplayFixture) {
  const auto by_key = Lines(Replay("--key " + std::to_string(long_key)));
  BOOST_TEST_REQUIRE(by_key.size() == 1u);
  BOOST_TEST(by_key[0].find("long-lived") != std::string::npos);
  BOOST_TEST(Lines(Replay("--service-account " + std::to_string(account))).size() == 2u);
  BOOST_TEST(Lines(Replay("--org 2")).empty());
  BOOST_TEST(Lines(Replay("--actor system")).size() == 2u);  // bootstrap
  BOOST_TEST(Lines(Replay("--actor admin")).size() == 4u);
  BOOST_TEST(Lines(Replay("--until 1000")).empty());
  BOOST_TEST(Lines(Replay("--since 2000-01-01T00:00:00Z")).size() ==
             store->LastPosition());
}

BOOST_FIXTURE_TEST_CASE(replay_at_tells_which_keys_could_authenticate, ReplayFixture) {
  const std::string before = Replay("--at " + std::to_string(created_at + 1));
  const std::string after = Replay("--at " + std::to_string(created_at + 10));
  auto line_of = [](const std::string& text, const std::string& name) {
    for (const auto& line : Lines(text)) {
      if (line.find(name) != std::string::npos) return line;
    }
    return std::string();
  };
  BOOST_TEST(line_of(before, "short-lived").find("can authenticate") != std::string::npos);
  BOOST_TEST(line_of(after, "short-lived").find("Expired API key") != std::string::npos);
  BOOST_TEST(line_of(after, "long-lived").find("can authenticate") != std::string::npos);
  // Before the key existed, it is not listed at all.
  BOOST_TEST(line_of(Replay("--at 1000"), "long-lived").empty());
}

BOOST_FIXTURE_TEST_CASE(replay_sees_events_appended_while_a_writer_runs, ReplayFixture) {
  std::thread writer([this] {
    for (int i = 0; i < 50; ++i) CreateServiceAccount("busy-" + std::to_string(i));
  });
  // Each run is a consistent prefix of the log: positions 1..n, no gaps.
  for (int run = 0; run < 3; ++run) {
    const auto lines = Lines(Replay("--format json"));
    uint64_t expected = 1;
    for (const auto& line : lines) {
      BOOST_TEST(boost::json::parse(line).at("position").to_number<uint64_t>() == expected++);
    }
  }
  writer.join();
  BOOST_TEST(Lines(Replay("")).size() == store->LastPosition());
}

BOOST_FIXTURE_TEST_CASE(replay_rejects_a_bad_time, ReplayFixture) {
  auto r = RunKeyledger("replay --data-dir " + dir.string() + " --since yesterday");
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.output.find("RFC 3339") != std::string::npos);
}
