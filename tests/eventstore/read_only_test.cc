#define BOOST_TEST_MODULE eventstore_read_only_test
#include <boost/test/unit_test.hpp>

#include "eventstore/event_store.h"
#include "eventstore/verify.h"
#include "tests/eventstore/store_test_util.h"

namespace keyledger::eventstore {
namespace {

using domain::ErrorCode;
using testing::OpenOrThrow;
using testing::Request;
using testing::TempDir;

StoreOptions ReadOnly(const TempDir& dir) {
  StoreOptions options;
  options.read_only = true;
  options.secondary_dir = dir.sub("secondary");
  return options;
}

BOOST_AUTO_TEST_SUITE(read_only)

BOOST_AUTO_TEST_CASE(secondary_reads_while_the_primary_writes_and_catches_up) {
  TempDir dir;
  auto primary = OpenOrThrow(dir.sub("db"));
  BOOST_REQUIRE(primary->Append(Request("org-1", ExpectedVersion::Any(), 3)));
  auto reader = OpenOrThrow(dir.sub("db"), ReadOnly(dir));
  BOOST_TEST(reader->LastPosition() == 3u);
  BOOST_TEST(reader->ReadAll(1, 10)->size() == 3u);

  BOOST_REQUIRE(primary->Append(Request("org-2", ExpectedVersion::Any(), 2)));
  BOOST_TEST(reader->LastPosition() == 3u);  // not until it catches up
  BOOST_REQUIRE(reader->CatchUpWithPrimary());
  BOOST_TEST(reader->LastPosition() == 5u);
  auto events = reader->ReadAll(1, 10);
  BOOST_REQUIRE(events);
  BOOST_TEST(*events == *primary->ReadAll(1, 10));
  BOOST_TEST(reader->ReadStream("org-2", 1, 10)->size() == 2u);

  auto report = VerifyLog(*reader);
  BOOST_REQUIRE_MESSAGE(report, (report ? "" : report.error().message));
  BOOST_TEST(!report->first_bad_position.has_value(), report->problem);
  BOOST_TEST(report->events == 5u);
}

BOOST_AUTO_TEST_CASE(secondary_refuses_appends) {
  TempDir dir;
  OpenOrThrow(dir.sub("db"));  // create it, then close
  auto reader = OpenOrThrow(dir.sub("db"), ReadOnly(dir));
  auto r = reader->Append(Request("org-1", ExpectedVersion::Any(), 1));
  BOOST_REQUIRE(!r);
  BOOST_TEST(static_cast<int>(r.error().code) ==
             static_cast<int>(ErrorCode::kUnavailable));
}

BOOST_AUTO_TEST_CASE(secondary_on_a_missing_store_is_not_found) {
  TempDir dir;
  auto reader = EventStore::Open(dir.sub("nothing"), ReadOnly(dir));
  BOOST_REQUIRE(!reader);
  BOOST_TEST(static_cast<int>(reader.error().code) ==
             static_cast<int>(ErrorCode::kNotFound));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::eventstore
