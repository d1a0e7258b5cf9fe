#define BOOST_TEST_MODULE eventstore_write_failure_test
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>
#include <rocksdb/write_batch.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "eventstore/event_store.h"
#include "eventstore/verify.h"
#include "tests/eventstore/store_test_util.h"

namespace keyledger::eventstore {
namespace {

using rocksdb::IODebugContext;
using rocksdb::IOOptions;
using rocksdb::IOStatus;
using testing::OpenOrThrow;
using testing::Request;
using testing::TempDir;

// Fails every append and sync of the write-ahead log with "no space" while
// `*fail` is set, like a full disk. RocksDB 7.8 can resume only from that
// kind of WAL error; any other WAL I/O error is fatal until reopen (then the
// store keeps answering kUnavailable, which this test does not cover).
class FailingFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  FailingFile(std::unique_ptr<rocksdb::FSWritableFile> file,
              const std::atomic<bool>* fail)
      : FSWritableFileOwnerWrapper(std::move(file)), fail_(fail) {}
  IOStatus Append(const rocksdb::Slice& data, const IOOptions& o,
                  IODebugContext* d) override {
    return *fail_ ? Injected() : target()->Append(data, o, d);
  }
  IOStatus Append(const rocksdb::Slice& data, const IOOptions& o,
                  const rocksdb::DataVerificationInfo& v,
                  IODebugContext* d) override {
    return *fail_ ? Injected() : target()->Append(data, o, v, d);
  }
  IOStatus Flush(const IOOptions& o, IODebugContext* d) override {
    return *fail_ ? Injected() : target()->Flush(o, d);
  }
  IOStatus Sync(const IOOptions& o, IODebugContext* d) override {
    return *fail_ ? Injected() : target()->Sync(o, d);
  }
  IOStatus Fsync(const IOOptions& o, IODebugContext* d) override {
    return *fail_ ? Injected() : target()->Fsync(o, d);
  }

 private:
  static IOStatus Injected() { return IOStatus::NoSpace("injected failure"); }
  const std::atomic<bool>* fail_;
};

class FailingFileSystem : public rocksdb::FileSystemWrapper {
 public:
  FailingFileSystem() : FileSystemWrapper(rocksdb::FileSystem::Default()) {}
  const char* Name() const override { return "FailingFileSystem"; }
  IOStatus NewWritableFile(const std::string& name,
                           const rocksdb::FileOptions& options,
                           std::unique_ptr<rocksdb::FSWritableFile>* result,
                           IODebugContext* dbg) override {
    const bool wal = name.size() > 4 && name.substr(name.size() - 4) == ".log";
    IOStatus s = target()->NewWritableFile(name, options, result, dbg);
    if (s.ok() && wal) {
      *result = std::make_unique<FailingFile>(std::move(*result), &fail);
    }
    return s;
  }
  // RocksDB waits for free space before it recovers from "no space".
  IOStatus GetFreeSpace(const std::string& path, const IOOptions& options,
                        uint64_t* space, IODebugContext* dbg) override {
    if (fail) {
      *space = 0;
      return IOStatus::OK();
    }
    return target()->GetFreeSpace(path, options, space, dbg);
  }
  std::atomic<bool> fail{false};
};

// Counts committed and failed groups and stages one "view_keys" row per event.
class CountingObserver : public GroupObserver {
 public:
  explicit CountingObserver(EventStore* store) : store_(store) {}
  void BeginGroup() override {}
  void Staged(const std::vector<RecordedEvent>& events,
              rocksdb::WriteBatch& batch) override {
    for (const RecordedEvent& e : events) {
      (void)batch.Put(store_->column_family("view_keys"),
                      "row-" + std::to_string(e.position), e.payload);
    }
  }
  void EndGroup(bool committed) override { (committed ? ok : failed)++; }
  int ok = 0;
  int failed = 0;

 private:
  EventStore* store_;
};

bool ViewRowExists(EventStore& store, uint64_t position) {
  std::string value;
  return store.db()
      .Get(rocksdb::ReadOptions(), store.column_family("view_keys"),
           "row-" + std::to_string(position), &value)
      .ok();
}

BOOST_AUTO_TEST_SUITE(write_failure)

BOOST_AUTO_TEST_CASE(failed_write_is_unavailable_leaves_nothing_and_recovers) {
  TempDir dir;
  auto fs = std::make_shared<FailingFileSystem>();
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);
  StoreOptions options;
  options.env = env.get();
  options.min_free_bytes = 0;  // let the write reach the failing WAL
  {
    auto store = OpenOrThrow(dir.path(), options);
    CountingObserver observer(store.get());
    store->SetObserver(&observer);
    BOOST_REQUIRE(store->Append(Request("org-1", ExpectedVersion::Any(), 1)));

    fs->fail = true;
    for (int i = 0; i < 2; ++i) {
      auto failed =
          store->Append(Request("org-1", ExpectedVersion::Exact(1), 2));
      BOOST_REQUIRE(!failed);
      BOOST_TEST(static_cast<int>(failed.error().code) ==
                 static_cast<int>(domain::ErrorCode::kUnavailable));
    }
    BOOST_TEST(observer.failed >= 1);
    BOOST_TEST(store->LastPosition() == 1u);
    auto reads = store->ReadAll(1, 10);  // reads keep working
    BOOST_REQUIRE(reads);
    BOOST_TEST(reads->size() == 1u);
    BOOST_TEST(!ViewRowExists(*store, 2));

    fs->fail = false;
    auto again = store->Append(Request("org-1", ExpectedVersion::Exact(1), 2));
    // RocksDB recovers from "no space" in the background (its SstFileManager)
    // or on our Resume(); allow it a bounded number of attempts.
    for (int i = 0; i < 600 && !again; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      again = store->Append(Request("org-1", ExpectedVersion::Exact(1), 2));
    }

    BOOST_REQUIRE_MESSAGE(again, (again ? "" : again.error().message));
    BOOST_TEST(again->first_position == 2u);
    BOOST_TEST(ViewRowExists(*store, 3));
    auto report = VerifyLog(*store);
    BOOST_REQUIRE(report);
    BOOST_TEST(!report->first_bad_position.has_value(), report->problem);
  }
  auto reopened = OpenOrThrow(dir.path());
  BOOST_TEST(reopened->LastPosition() == 3u);
  auto report = VerifyLog(*reopened);
  BOOST_REQUIRE(report);
  BOOST_TEST(!report->first_bad_position.has_value(), report->problem);
}

BOOST_AUTO_TEST_CASE(appends_are_refused_while_free_space_is_below_the_reserve) {
  TempDir dir;
  auto fs = std::make_shared<FailingFileSystem>();
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);
  StoreOptions options;
  options.env = env.get();
  auto store = OpenOrThrow(dir.path(), options);
  CountingObserver observer(store.get());
  store->SetObserver(&observer);
  BOOST_REQUIRE(store->Append(Request("org-1", ExpectedVersion::Any(), 1)));

  fs->fail = true;  // reports 0 bytes free (and would fail the WAL)
  auto refused = store->Append(Request("org-1", ExpectedVersion::Exact(1), 2));
  BOOST_REQUIRE(!refused);
  BOOST_TEST(static_cast<int>(refused.error().code) ==
             static_cast<int>(domain::ErrorCode::kUnavailable));
  BOOST_TEST(refused.error().message.find("disk is full") != std::string::npos);
  BOOST_TEST(observer.failed == 0);  // refused before RocksDB saw the write
  BOOST_TEST(store->LastPosition() == 1u);

  fs->fail = false;
  auto again = store->Append(Request("org-1", ExpectedVersion::Exact(1), 2));
  BOOST_REQUIRE_MESSAGE(again, (again ? "" : again.error().message));
  BOOST_TEST(again->first_position == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::eventstore
