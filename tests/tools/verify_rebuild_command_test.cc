#define BOOST_TEST_MODULE verify_rebuild_command_test
#include <boost/test/unit_test.hpp>

#include <rocksdb/db.h>

#include "../projections/ledger_fixture.h"
#include "eventstore/key_encoding.h"
#include "run_keyledger.h"

using keyledger::testing::LedgerFixture;
using keyledger::testing::RunKeyledger;

namespace {

struct HistoryFixture : LedgerFixture {
  HistoryFixture() {
    for (int i = 0; i < 5; ++i) CreateKey("key-" + std::to_string(i));
    CreateToken(CreateServiceAccount("robot"), "robot-token");
  }
  std::string Arg() const { return " --data-dir " + dir.string(); }
  // Flips one byte of the stored envelope at `position`.
  void Tamper(uint64_t position) {
    auto* events = store->column_family("events");
    const std::string key = keyledger::eventstore::PositionKey(position);
    std::string value;
    BOOST_TEST_REQUIRE(store->db().Get({}, events, key, &value).ok());
    value[value.size() / 2] ^= 0x01;
    BOOST_TEST_REQUIRE(store->db().Put({}, events, key, value).ok());
    BOOST_TEST_REQUIRE(store->db().Flush({}, events).ok());
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(verify_passes_on_an_intact_log, HistoryFixture) {
  auto r = RunKeyledger("verify" + Arg());
  BOOST_TEST(r.exit_code == 0, r.output);
  BOOST_TEST(r.output.find("events: " + std::to_string(store->LastPosition())) !=
             std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(verify_names_the_first_changed_event, HistoryFixture) {
  Tamper(4);
  auto r = RunKeyledger("verify" + Arg());
  BOOST_TEST(r.exit_code == 1, r.output);
  BOOST_TEST(r.output.find("position 4") != std::string::npos, r.output);
  auto replay = RunKeyledger("replay --verify" + Arg());
  BOOST_TEST(replay.exit_code == 1, replay.output);
  BOOST_TEST(replay.output.find("position 4") != std::string::npos, replay.output);
}

BOOST_FIXTURE_TEST_CASE(rebuild_verify_passes_while_the_store_is_open, HistoryFixture) {
  auto r = RunKeyledger("rebuild --verify" + Arg());
  BOOST_TEST(r.exit_code == 0, r.output);
  BOOST_TEST(r.output.find("OK") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(rebuild_refuses_while_another_process_holds_the_store,
                        HistoryFixture) {
  auto r = RunKeyledger("rebuild" + Arg());
  BOOST_TEST(r.exit_code == 1, r.output);
  BOOST_TEST(r.output.find("stop the server first") != std::string::npos, r.output);
}

BOOST_FIXTURE_TEST_CASE(rebuild_reports_a_changed_view_row_then_repairs_it,
                        HistoryFixture) {
  auto* keys = store->column_family("view_keys");
  std::unique_ptr<rocksdb::Iterator> it(store->db().NewIterator({}, keys));
  it->SeekToFirst();
  BOOST_TEST_REQUIRE(it->Valid());
  const std::string key = it->key().ToString();
  it.reset();
  BOOST_TEST_REQUIRE(store->db().Put({}, keys, key, "tampered").ok());
  BOOST_TEST_REQUIRE(store->db().Flush({}, keys).ok());
  auto check = RunKeyledger("rebuild --verify --view keys" + Arg());
  BOOST_TEST(check.exit_code == 1, check.output);
  BOOST_TEST(check.output.find("view_keys") != std::string::npos, check.output);
  Close();
  auto rebuild = RunKeyledger("rebuild --view keys" + Arg());
  BOOST_TEST(rebuild.exit_code == 0, rebuild.output);
  auto again = RunKeyledger("rebuild --verify" + Arg());
  BOOST_TEST(again.exit_code == 0, again.output);
}

BOOST_AUTO_TEST_CASE(unknown_view_and_missing_data_are_usage_errors) {
  BOOST_TEST(RunKeyledger("rebuild --view nope --data-dir /tmp").exit_code == 2);
  BOOST_TEST(RunKeyledger("verify --data-dir /nonexistent/keyledger").exit_code == 2);
  BOOST_TEST(RunKeyledger("frobnicate").exit_code == 2);
  for (const char* command : {"serve", "verify", "replay", "rebuild"}) {
    auto r = RunKeyledger(std::string(command) + " --help");
    BOOST_TEST(r.exit_code == 0, command);
    BOOST_TEST(r.output.find("usage: keyledger") != std::string::npos, command);
  }
}
