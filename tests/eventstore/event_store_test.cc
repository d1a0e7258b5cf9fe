#define BOOST_TEST_MODULE eventstore_event_store_test
#include "eventstore/event_store.h"

#include <rocksdb/db.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "tests/eventstore/store_test_util.h"

namespace keyledger::eventstore {
namespace {

using domain::ErrorCode;
using testing::Key;
using testing::OpenOrThrow;
using testing::Request;
using testing::TempDir;

BOOST_AUTO_TEST_SUITE(event_store)

BOOST_AUTO_TEST_CASE(appended_events_read_back_with_all_envelope_fields) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  auto first = store->Append(Request("org-1", ExpectedVersion::NoStream(), 2));
  BOOST_REQUIRE(first);
  BOOST_TEST(first->first_position == 1u);
  BOOST_TEST(first->last_position == 2u);
  BOOST_TEST(first->stream_version == 2u);
  BOOST_TEST(!first->duplicate);
  auto second =
      store->Append(Request("identity", ExpectedVersion::Any(), 1, "q"));
  BOOST_REQUIRE(second);
  BOOST_TEST(second->first_position == 3u);
  BOOST_TEST(second->stream_version == 1u);
  BOOST_TEST(store->LastPosition() == 3u);

  auto all = store->ReadAll(1, 100);
  BOOST_REQUIRE(all);
  BOOST_REQUIRE_EQUAL(all->size(), 3u);
  const RecordedEvent& e = (*all)[1];
  BOOST_TEST(e == first->events[1]);
  BOOST_TEST(e.stream == "org-1");
  BOOST_TEST(e.stream_version == 2u);
  BOOST_TEST(e.position == 2u);
  BOOST_TEST(e.type == "test.v1.Thing");
  BOOST_TEST(e.payload == std::string("p-1\0\xff", 5));
  BOOST_TEST(e.metadata.actor_login == "alice");
  BOOST_TEST(e.metadata.client_address == "127.0.0.1");
  BOOST_TEST(e.event_id.size() == 36u);
  BOOST_TEST(e.event_id[14] == '4');
  BOOST_TEST(e.event_id != (*all)[0].event_id);
  BOOST_TEST(e.recorded_at_ms > 1600000000000);
  BOOST_TEST(e.prev_hash == (*all)[0].hash);
  BOOST_TEST((*all)[0].prev_hash == std::string(32, '\0'));
  BOOST_TEST(e.hash.size() == 32u);
}

BOOST_AUTO_TEST_CASE(read_stream_starts_at_a_version_and_honours_max_count) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  BOOST_REQUIRE(store->Append(Request("org-1", ExpectedVersion::Any(), 3)));
  BOOST_REQUIRE(store->Append(Request("org-2", ExpectedVersion::Any(), 2)));
  BOOST_REQUIRE(
      store->Append(Request("org-1", ExpectedVersion::Any(), 2, "b")));
  auto events = store->ReadStream("org-1", 3, 2);
  BOOST_REQUIRE(events);
  BOOST_REQUIRE_EQUAL(events->size(), 2u);
  BOOST_TEST((*events)[0].stream_version == 3u);
  BOOST_TEST((*events)[0].position == 3u);
  BOOST_TEST((*events)[1].stream_version == 4u);
  BOOST_TEST((*events)[1].position == 6u);
  auto none = store->ReadStream("org-", 1, 10);  // a prefix of a stream id
  BOOST_REQUIRE(none);
  BOOST_TEST(none->empty());
  auto window = store->ReadAll(4, 2);
  BOOST_REQUIRE(window);
  BOOST_REQUIRE_EQUAL(window->size(), 2u);
  BOOST_TEST((*window)[0].position == 4u);
  BOOST_TEST(store->ReadAll(8, 10)->empty());
}

BOOST_AUTO_TEST_CASE(wrong_expected_version_is_a_conflict_and_writes_nothing) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  BOOST_REQUIRE(
      store->Append(Request("org-1", ExpectedVersion::NoStream(), 2)));
  auto exact = store->Append(Request("org-1", ExpectedVersion::Exact(1), 1));
  BOOST_REQUIRE(!exact);
  BOOST_TEST(static_cast<int>(exact.error().code) ==
             static_cast<int>(ErrorCode::kConflict));
  auto no_stream =
      store->Append(Request("org-1", ExpectedVersion::NoStream(), 1));
  BOOST_REQUIRE(!no_stream);
  BOOST_TEST(static_cast<int>(no_stream.error().code) ==
             static_cast<int>(ErrorCode::kConflict));
  auto missing = store->Append(Request("org-9", ExpectedVersion::Exact(1), 1));
  BOOST_REQUIRE(!missing);
  BOOST_TEST(store->LastPosition() == 2u);
  BOOST_TEST(store->ReadAll(1, 10)->size() == 2u);
  BOOST_TEST(store->ReadStream("org-9", 1, 10)->empty());
  auto right = store->Append(Request("org-1", ExpectedVersion::Exact(2), 1));
  BOOST_REQUIRE(right);
  BOOST_TEST(right->first_position == 3u);
  BOOST_TEST(right->stream_version == 3u);
}

BOOST_AUTO_TEST_CASE(
    idempotent_retry_returns_the_first_result_also_after_reopen) {
  TempDir dir;
  AppendResult original;
  {
    auto store = OpenOrThrow(dir.path());
    auto first =
        store->Append(Request("org-1", ExpectedVersion::Any(), 2), Key("k1"));
    BOOST_REQUIRE(first);
    original = *first;
    BOOST_TEST(original.events[0].idempotency_key == "k1");
    auto retry =
        store->Append(Request("org-1", ExpectedVersion::Any(), 2), Key("k1"));
    BOOST_REQUIRE(retry);
    BOOST_TEST(retry->duplicate);
    BOOST_TEST(retry->first_position == original.first_position);
    BOOST_TEST(retry->events == original.events);
    BOOST_TEST(store->LastPosition() == 2u);
  }
  auto store = OpenOrThrow(dir.path());
  // The retry's own request would conflict; the recorded answer wins.
  auto retry = store->Append(Request("org-1", ExpectedVersion::NoStream(), 5),
                             Key("k1"));
  BOOST_REQUIRE(retry);
  BOOST_TEST(retry->duplicate);
  BOOST_TEST(retry->last_position == 2u);
  BOOST_TEST(retry->stream_version == 2u);
  BOOST_TEST(retry->events == original.events);
  BOOST_TEST(store->LastPosition() == 2u);
}

BOOST_AUTO_TEST_CASE(
    same_idempotency_key_with_another_fingerprint_is_unprocessable) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  BOOST_REQUIRE(store->Append(Request("org-1", ExpectedVersion::Any(), 1),
                              Key("k", "a")));
  auto other =
      store->Append(Request("org-1", ExpectedVersion::Any(), 1), Key("k", "b"));
  BOOST_REQUIRE(!other);
  BOOST_TEST(static_cast<int>(other.error().code) ==
             static_cast<int>(ErrorCode::kUnprocessable));
  BOOST_TEST(store->LastPosition() == 1u);
}

BOOST_AUTO_TEST_CASE(a_failed_request_does_not_consume_its_idempotency_key) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  BOOST_REQUIRE(store->Append(Request("org-1", ExpectedVersion::Any(), 1)));
  auto conflict =
      store->Append(Request("org-1", ExpectedVersion::NoStream(), 1), Key("k"));
  BOOST_REQUIRE(!conflict);
  auto retry =
      store->Append(Request("org-1", ExpectedVersion::Exact(1), 1), Key("k"));
  BOOST_REQUIRE(retry);
  BOOST_TEST(!retry->duplicate);
  BOOST_TEST(retry->first_position == 2u);
}

BOOST_AUTO_TEST_CASE(reopen_keeps_events_heads_and_positions) {
  TempDir dir;
  std::vector<RecordedEvent> before;
  {
    auto store = OpenOrThrow(dir.path());
    for (int i = 0; i < 5; ++i) {
      BOOST_REQUIRE(store->Append(
          Request("org-" + std::to_string(i % 2), ExpectedVersion::Any(), 2)));
    }
    before = *store->ReadAll(1, 100);
  }
  auto store = OpenOrThrow(dir.path());
  BOOST_TEST(store->LastPosition() == 10u);
  BOOST_TEST(*store->ReadAll(1, 100) == before);
  auto next = store->Append(Request("org-0", ExpectedVersion::Exact(6), 1));
  BOOST_REQUIRE(next);
  BOOST_TEST(next->first_position == 11u);
  BOOST_TEST(next->events[0].prev_hash == before.back().hash);
}

// RocksDB 7.8 starts a WAL file on every open and never drops the empty one
// of the open before (eventstore/empty_wals.h): reopened again and again,
// with and without writes, the store keeps a bounded number of WAL files,
// and every event.
BOOST_AUTO_TEST_CASE(reopening_does_not_gather_empty_wal_files) {
  TempDir dir;
  auto wal_files = [&dir] {
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
      count += entry.path().extension() == ".log";
    }
    return count;
  };
  for (int i = 0; i < 8; ++i) {
    auto store = OpenOrThrow(dir.path());
    if (i == 0 || i == 3) {
      BOOST_REQUIRE(store->Append(Request("org-1", ExpectedVersion::Any(), 1)));
    }
  }
  BOOST_TEST(wal_files() <= 2);
  auto store = OpenOrThrow(dir.path());
  BOOST_TEST(store->LastPosition() == 2u);
  BOOST_TEST(store->ReadAll(1, 100)->size() == 2u);
}

BOOST_AUTO_TEST_CASE(empty_request_writes_nothing_and_reports_the_version) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  BOOST_REQUIRE(store->Append(Request("org-1", ExpectedVersion::Any(), 2)));
  auto empty = store->Append(Request("org-1", ExpectedVersion::Exact(2), 0));
  BOOST_REQUIRE(empty);
  BOOST_TEST(empty->first_position == 0u);
  BOOST_TEST(empty->stream_version == 2u);
  BOOST_TEST(store->LastPosition() == 2u);
}

BOOST_AUTO_TEST_CASE(empty_request_needs_no_stream) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  auto empty = store->Append(Request("", ExpectedVersion::Any(), 0));
  BOOST_REQUIRE(empty);
  BOOST_TEST(empty->first_position == 0u);
  BOOST_TEST(store->LastPosition() == 0u);
}

BOOST_AUTO_TEST_CASE(an_idempotency_key_that_is_not_utf8_is_rejected) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  auto bad = store->Append(Request("org-1", ExpectedVersion::Any(), 1),
                           Idempotency{"\xff\xfe", "f"});
  BOOST_REQUIRE(!bad);
  BOOST_TEST((bad.error().code == keyledger::domain::ErrorCode::kInvalidArgument));
  BOOST_TEST(store->LastPosition() == 0u);
}

BOOST_AUTO_TEST_CASE(invalid_stream_id_is_rejected) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  auto nul =
      store->Append(Request(std::string("a\0b", 3), ExpectedVersion::Any(), 1));
  BOOST_REQUIRE(!nul);
  BOOST_TEST(static_cast<int>(nul.error().code) ==
             static_cast<int>(ErrorCode::kInvalidArgument));
  BOOST_TEST(!store->Append(Request("", ExpectedVersion::Any(), 1)));
  BOOST_TEST(store->LastPosition() == 0u);
}

BOOST_AUTO_TEST_CASE(second_writer_on_the_same_directory_is_unavailable) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  auto second = EventStore::Open(dir.path());
  BOOST_REQUIRE(!second);
  BOOST_TEST(static_cast<int>(second.error().code) ==
             static_cast<int>(ErrorCode::kUnavailable));
  BOOST_TEST(second.error().message.find("in use") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(all_column_families_are_open) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  for (const char* name :
       {"events", "streams", "stream_heads", "idempotency", "meta", "view_keys",
        "view_service_accounts", "view_identity", "view_audit",
        "view_audit_by_org", "checkpoints"}) {
    BOOST_TEST(store->column_family(name) != nullptr, name);
  }
  BOOST_TEST(store->column_family("nope") == nullptr);
}

// L0 files of the events family, after flushing one new file each time.
int EventFilesAtL0(EventStore& store) {
  std::string value;
  store.db().GetProperty(store.column_family("events"),
                         "rocksdb.num-files-at-level0", &value);
  return std::stoi(value);
}

BOOST_AUTO_TEST_CASE(deferred_compactions_wait_for_start_compactions) {
  TempDir dir;
  StoreOptions options;
  options.defer_compactions = true;
  auto store = OpenOrThrow(dir.path(), options);
  // Eight flushes: twice the L0 trigger (4) of every family.
  for (int i = 0; i < 8; ++i) {
    BOOST_REQUIRE(store->Append(Request("org-1", ExpectedVersion::Any(), 1)));
    BOOST_REQUIRE(store->db().Flush({}, store->column_family("events")).ok());
  }
  BOOST_TEST(EventFilesAtL0(*store) == 8);
  BOOST_REQUIRE(store->StartCompactions());
  int files = EventFilesAtL0(*store);
  for (int wait = 0; files >= 4 && wait < 500; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    files = EventFilesAtL0(*store);
  }
  BOOST_TEST(files < 4);
  BOOST_REQUIRE(store->Append(Request("org-1", ExpectedVersion::Any(), 1)));
  BOOST_TEST(store->LastPosition() == 9u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::eventstore
