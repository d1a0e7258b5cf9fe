#define BOOST_TEST_MODULE eventstore_verify_test
#include "eventstore/verify.h"

#include <rocksdb/db.h>

#include <boost/test/unit_test.hpp>
#include <vector>

#include "envelope.pb.h"
#include "eventstore/envelope_format.h"
#include "eventstore/event_store.h"
#include "eventstore/key_encoding.h"
#include "tests/eventstore/store_test_util.h"

namespace keyledger::eventstore {
namespace {

using testing::OpenOrThrow;
using testing::Request;
using testing::TempDir;

// A store with 10 events over three streams.
std::unique_ptr<EventStore> FilledStore(const TempDir& dir) {
  auto store = OpenOrThrow(dir.path());
  for (int i = 0; i < 5; ++i) {
    auto r = store->Append(
        Request("org-" + std::to_string(i % 3), ExpectedVersion::Any(), 2));
    if (!r) throw std::runtime_error(r.error().message);
  }
  return store;
}

std::string RawEvent(EventStore& store, uint64_t position) {
  std::string value;
  rocksdb::Status s =
      store.db().Get(rocksdb::ReadOptions(), store.column_family("events"),
                     PositionKey(position), &value);
  if (!s.ok()) throw std::runtime_error(s.ToString());
  return value;
}

void PutRawEvent(EventStore& store, uint64_t position, const std::string& v) {
  rocksdb::Status s =
      store.db().Put(rocksdb::WriteOptions(), store.column_family("events"),
                     PositionKey(position), v);
  if (!s.ok()) throw std::runtime_error(s.ToString());
}

VerifyReport Verify(const EventStore& store) {
  auto report = VerifyLog(store);
  if (!report) throw std::runtime_error(report.error().message);
  return *report;
}

BOOST_AUTO_TEST_SUITE(verify)

BOOST_AUTO_TEST_CASE(an_intact_log_passes_and_reports_its_head) {
  TempDir dir;
  auto store = FilledStore(dir);
  VerifyReport report = Verify(*store);
  BOOST_TEST(!report.first_bad_position.has_value(), report.problem);
  BOOST_TEST(report.events == 10u);
  BOOST_TEST(report.last_position == 10u);
  BOOST_TEST(report.head_hash_hex.size() == 64u);
  BOOST_TEST(report.head_hash_hex != std::string(64, '0'));
}

BOOST_AUTO_TEST_CASE(an_empty_log_passes) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  VerifyReport report = Verify(*store);
  BOOST_TEST(!report.first_bad_position.has_value());
  BOOST_TEST(report.events == 0u);
}

BOOST_AUTO_TEST_CASE(a_modified_event_value_is_named) {
  TempDir dir;
  auto store = FilledStore(dir);
  store::v1::Envelope envelope;
  BOOST_REQUIRE(envelope.ParseFromString(RawEvent(*store, 6)));
  envelope.set_payload("tampered");
  PutRawEvent(*store, 6, envelope.SerializeAsString());
  VerifyReport report = Verify(*store);
  BOOST_REQUIRE(report.first_bad_position.has_value());
  BOOST_TEST(*report.first_bad_position == 6u);
  BOOST_TEST(report.problem.find("hash") != std::string::npos, report.problem);
}

// The hash is checked on the stored bytes as they are: they must end with
// the hash field (bytes after it, which a parser would accept as an
// unknown field, are damage too).
BOOST_AUTO_TEST_CASE(bytes_after_the_hash_are_named) {
  TempDir dir;
  auto store = FilledStore(dir);
  PutRawEvent(*store, 5, RawEvent(*store, 5) + std::string("\x70\x01", 2));
  VerifyReport report = Verify(*store);
  BOOST_REQUIRE(report.first_bad_position.has_value());
  BOOST_TEST(*report.first_bad_position == 5u);
  BOOST_TEST(report.problem.find("does not end with its hash") !=
                 std::string::npos,
             report.problem);
}

BOOST_AUTO_TEST_CASE(a_modified_event_with_a_recomputed_hash_breaks_the_chain) {
  TempDir dir;
  auto store = FilledStore(dir);
  store::v1::Envelope envelope;
  BOOST_REQUIRE(envelope.ParseFromString(RawEvent(*store, 4)));
  envelope.set_prev_hash(std::string(32, '\x01'));
  PutRawEvent(*store, 4, envelope.SerializeAsString());
  VerifyReport report = Verify(*store);
  BOOST_REQUIRE(report.first_bad_position.has_value());
  BOOST_TEST(*report.first_bad_position == 4u);
}

BOOST_AUTO_TEST_CASE(a_removed_event_is_named) {
  TempDir dir;
  auto store = FilledStore(dir);
  BOOST_REQUIRE(store->db()
                    .Delete(rocksdb::WriteOptions(),
                            store->column_family("events"), PositionKey(3))
                    .ok());
  VerifyReport report = Verify(*store);
  BOOST_REQUIRE(report.first_bad_position.has_value());
  BOOST_TEST(*report.first_bad_position == 3u);
  BOOST_TEST(report.events == 2u);
}

BOOST_AUTO_TEST_CASE(a_removed_last_event_is_named) {
  TempDir dir;
  auto store = FilledStore(dir);
  BOOST_REQUIRE(store->db()
                    .Delete(rocksdb::WriteOptions(),
                            store->column_family("events"), PositionKey(10))
                    .ok());
  VerifyReport report = Verify(*store);
  BOOST_REQUIRE(report.first_bad_position.has_value());
  BOOST_TEST(*report.first_bad_position == 10u);
}

BOOST_AUTO_TEST_CASE(a_swapped_pair_is_named) {
  TempDir dir;
  auto store = FilledStore(dir);
  const std::string seven = RawEvent(*store, 7);
  const std::string eight = RawEvent(*store, 8);
  PutRawEvent(*store, 7, eight);
  PutRawEvent(*store, 8, seven);
  VerifyReport report = Verify(*store);
  BOOST_REQUIRE(report.first_bad_position.has_value());
  BOOST_TEST(*report.first_bad_position == 7u);
}

BOOST_AUTO_TEST_CASE(a_broken_stream_index_is_named) {
  TempDir dir;
  auto store = FilledStore(dir);
  // Position 5 is org-2's first event (appends 0..4 go to org-0,1,2,0,1).
  BOOST_REQUIRE(store->db()
                    .Put(rocksdb::WriteOptions(),
                         store->column_family("streams"),
                         StreamIndexKey("org-2", 1), PositionKey(6))
                    .ok());
  VerifyReport report = Verify(*store);
  BOOST_REQUIRE(report.first_bad_position.has_value());
  BOOST_TEST(*report.first_bad_position == 5u);
}

BOOST_AUTO_TEST_CASE(a_missing_stream_index_entry_is_named) {
  TempDir dir;
  auto store = FilledStore(dir);
  // Position 4 is org-1's second event.
  BOOST_REQUIRE(store->db()
                    .Delete(rocksdb::WriteOptions(),
                            store->column_family("streams"),
                            StreamIndexKey("org-1", 2))
                    .ok());
  VerifyReport report = Verify(*store);
  BOOST_REQUIRE(report.first_bad_position.has_value());
  BOOST_TEST(*report.first_bad_position == 4u);
  BOOST_TEST(report.problem.find("stream index") != std::string::npos,
             report.problem);
  // Counted as if the walk had stopped there.
  BOOST_TEST(report.events == 3u);
  BOOST_TEST(report.last_position == 3u);
}

BOOST_AUTO_TEST_CASE(a_missing_last_stream_index_entry_is_named) {
  TempDir dir;
  auto store = FilledStore(dir);
  // Position 10 is org-1's last event.
  BOOST_REQUIRE(store->db()
                    .Delete(rocksdb::WriteOptions(),
                            store->column_family("streams"),
                            StreamIndexKey("org-1", 4))
                    .ok());
  VerifyReport report = Verify(*store);
  BOOST_REQUIRE(report.first_bad_position.has_value());
  BOOST_TEST(*report.first_bad_position == 10u);
  BOOST_TEST(report.events == 9u);
  store::v1::Envelope ninth;
  BOOST_REQUIRE(ninth.ParseFromString(RawEvent(*store, 9)));
  BOOST_TEST(report.head_hash_hex == ToHex(ninth.hash()));
}

BOOST_AUTO_TEST_CASE(a_stream_index_entry_of_no_event_is_named) {
  TempDir dir;
  auto store = FilledStore(dir);
  BOOST_REQUIRE(store->db()
                    .Put(rocksdb::WriteOptions(),
                         store->column_family("streams"),
                         StreamIndexKey("org-1", 5), PositionKey(11))
                    .ok());
  VerifyReport report = Verify(*store);
  BOOST_REQUIRE(report.first_bad_position.has_value());
  BOOST_TEST(*report.first_bad_position == 11u);
  BOOST_TEST(report.problem.find("not in the log") != std::string::npos,
             report.problem);
}

BOOST_AUTO_TEST_CASE(an_index_problem_before_a_changed_event_comes_first) {
  TempDir dir;
  auto store = FilledStore(dir);
  // Position 2 is org-0's second event; position 6 is changed.
  BOOST_REQUIRE(store->db()
                    .Delete(rocksdb::WriteOptions(),
                            store->column_family("streams"),
                            StreamIndexKey("org-0", 2))
                    .ok());
  store::v1::Envelope envelope;
  BOOST_REQUIRE(envelope.ParseFromString(RawEvent(*store, 6)));
  envelope.set_payload("tampered");
  PutRawEvent(*store, 6, envelope.SerializeAsString());
  VerifyReport report = Verify(*store);
  BOOST_REQUIRE(report.first_bad_position.has_value());
  BOOST_TEST(*report.first_bad_position == 2u);
  BOOST_TEST(report.events == 1u);
}

BOOST_AUTO_TEST_CASE(the_walk_hands_over_every_event_in_order) {
  TempDir dir;
  auto store = FilledStore(dir);
  std::vector<RecordedEvent> seen;
  auto report = VerifyLog(
      *store, [&](const RecordedEvent& event) { seen.push_back(event); });
  BOOST_REQUIRE(report.has_value());
  BOOST_TEST(!report->first_bad_position.has_value());
  auto all = store->ReadAll(1, 100);
  BOOST_REQUIRE(all.has_value());
  BOOST_TEST(seen == *all, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_walk_hands_over_only_events_before_a_changed_one) {
  TempDir dir;
  auto store = FilledStore(dir);
  store::v1::Envelope envelope;
  BOOST_REQUIRE(envelope.ParseFromString(RawEvent(*store, 6)));
  envelope.set_payload("tampered");
  PutRawEvent(*store, 6, envelope.SerializeAsString());
  std::vector<uint64_t> seen;
  auto report = VerifyLog(
      *store, [&](const RecordedEvent& event) { seen.push_back(event.position); });
  BOOST_REQUIRE(report.has_value());
  BOOST_TEST(seen == (std::vector<uint64_t>{1, 2, 3, 4, 5}),
             boost::test_tools::per_element());
}

// A log of many events (more than any read-ahead or batch), damaged in the
// middle by a value that is no envelope: the walk hands over exactly the
// events before it, in order.
BOOST_AUTO_TEST_CASE(a_long_log_stops_at_its_first_bad_event) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  constexpr uint64_t kEvents = 3000;
  for (uint64_t i = 0; i < kEvents; i += 10) {
    auto r = store->Append(
        Request("org-" + std::to_string(i % 7), ExpectedVersion::Any(), 10));
    if (!r) throw std::runtime_error(r.error().message);
  }
  BOOST_TEST(Verify(*store).events == kEvents);
  PutRawEvent(*store, 1777, "not an envelope");
  uint64_t seen = 0;
  bool in_order = true;
  auto report = VerifyLog(*store, [&](const RecordedEvent& event) {
    in_order = in_order && event.position == ++seen;
  });
  BOOST_REQUIRE(report.has_value());
  BOOST_TEST(in_order);
  BOOST_TEST(seen == 1776u);
  BOOST_TEST(report->first_bad_position.value_or(0) == 1777u);
  BOOST_TEST(report->problem == "event 1777 is not a valid envelope");
  BOOST_TEST(report->events == 1776u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::eventstore
