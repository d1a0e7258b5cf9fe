#define BOOST_TEST_MODULE eventstore_group_commit_test
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <map>
#include <mutex>
#include <thread>

#include "eventstore/event_store.h"
#include "tests/eventstore/store_test_util.h"

namespace keyledger::eventstore {
namespace {

using testing::OpenOrThrow;
using testing::Request;
using testing::TempDir;

// Records the calls it gets and adds one "view_keys" row per staged event.
class RecordingObserver : public GroupObserver {
 public:
  explicit RecordingObserver(EventStore* store) : store_(store) {}
  void BeginGroup() override {
    std::lock_guard lock(mu_);
    calls_.push_back("begin");
    staged_.clear();
  }
  void Staged(const std::vector<RecordedEvent>& events,
              rocksdb::WriteBatch& batch) override {
    std::lock_guard lock(mu_);
    calls_.push_back("staged:" + std::to_string(events.size()));
    for (const RecordedEvent& e : events) {
      staged_.push_back(e.payload);
      (void)batch.Put(store_->column_family("view_keys"),
                      "row-" + std::to_string(e.position), e.payload);
    }
  }
  void Sealing(uint64_t, rocksdb::WriteBatch&) override {
    std::lock_guard lock(mu_);
    calls_.push_back("sealing");
  }
  void EndGroup(bool committed) override {
    std::lock_guard lock(mu_);
    calls_.push_back(committed ? "end:ok" : "end:failed");
  }
  // Payloads staged so far in the current group (read by PrepareFns, which
  // run on the writer thread like the observer).
  std::vector<std::string> staged() {
    std::lock_guard lock(mu_);
    return staged_;
  }
  std::vector<std::string> calls() {
    std::lock_guard lock(mu_);
    return calls_;
  }

 private:
  EventStore* store_;
  std::mutex mu_;
  std::vector<std::string> calls_;
  std::vector<std::string> staged_;
};

BOOST_AUTO_TEST_SUITE(group_commit)

BOOST_AUTO_TEST_CASE(
    concurrent_appenders_get_dense_positions_and_stream_versions) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  constexpr int kThreads = 16;
  constexpr int kAppends = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kAppends; ++i) {
        auto r = store->Append(Request("org-" + std::to_string(t % 4),
                                       ExpectedVersion::Any(), 1 + i % 2));
        if (!r) failures++;
      }
    });
  }
  for (auto& t : threads) t.join();
  BOOST_TEST(failures.load() == 0);
  const uint64_t expected = kThreads * (kAppends / 2) * 3;
  BOOST_TEST(store->LastPosition() == expected);
  auto all = store->ReadAll(1, 100000);
  BOOST_REQUIRE(all);
  BOOST_REQUIRE_EQUAL(all->size(), expected);
  std::map<std::string, uint64_t> versions;
  for (size_t i = 0; i < all->size(); ++i) {
    const RecordedEvent& e = (*all)[i];
    BOOST_TEST_REQUIRE(e.position == i + 1);
    BOOST_TEST_REQUIRE(e.stream_version == ++versions[e.stream]);
    if (i > 0) BOOST_TEST_REQUIRE(e.prev_hash == (*all)[i - 1].hash);
  }
  for (const auto& [stream, version] : versions) {
    BOOST_TEST(store->ReadStream(stream, 1, 100000)->size() == version);
  }
}

BOOST_AUTO_TEST_CASE(concurrent_exact_version_appends_never_both_win) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  std::atomic<int> wins{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&] {
      if (store->Append(Request("org-1", ExpectedVersion::NoStream(), 1)))
        wins++;
    });
  }
  for (auto& t : threads) t.join();
  BOOST_TEST(wins.load() == 1);
  BOOST_TEST(store->LastPosition() == 1u);
}

BOOST_AUTO_TEST_CASE(
    submit_prepare_sees_what_earlier_requests_of_the_group_staged) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  RecordingObserver observer(store.get());
  store->SetObserver(&observer);
  // Each prepare appends the number of events staged before it in its group
  // plus the committed count: the sum is dense only if staged ones are seen.
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        auto r = store->Submit([&]() -> Result<AppendRequest> {
          const uint64_t seen =
              store->LastPosition() + observer.staged().size();
          AppendRequest request =
              Request("org-1", ExpectedVersion::Exact(seen), 1);
          request.events[0].payload = std::to_string(seen);
          return request;
        });
        if (!r) failures++;
      }
    });
  }
  for (auto& t : threads) t.join();
  BOOST_TEST(failures.load() == 0);
  auto all = *store->ReadAll(1, 1000);
  BOOST_REQUIRE_EQUAL(all.size(), 320u);
  for (size_t i = 0; i < all.size(); ++i) {
    BOOST_TEST_REQUIRE(all[i].payload == std::to_string(i));
  }
}

BOOST_AUTO_TEST_CASE(failed_prepare_answers_its_error_and_stages_nothing) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  RecordingObserver observer(store.get());
  store->SetObserver(&observer);
  auto failed = store->Submit([]() -> Result<AppendRequest> {
    return domain::MakeError(domain::ErrorCode::kNotFound, "no such key");
  });
  BOOST_REQUIRE(!failed);
  BOOST_TEST(failed.error().message == "no such key");
  BOOST_TEST(store->LastPosition() == 0u);
  auto thrown = store->Submit(
      []() -> Result<AppendRequest> { throw std::runtime_error("boom"); });
  BOOST_REQUIRE(!thrown);
  BOOST_TEST(static_cast<int>(thrown.error().code) ==
             static_cast<int>(domain::ErrorCode::kInternal));
  auto calls = observer.calls();
  BOOST_TEST(std::count(calls.begin(), calls.end(), "staged:1") == 0);
}

BOOST_AUTO_TEST_CASE(observer_rows_commit_atomically_with_the_events) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  RecordingObserver observer(store.get());
  store->SetObserver(&observer);
  auto r = store->Append(Request("org-1", ExpectedVersion::Any(), 2));
  BOOST_REQUIRE(r);
  auto calls = observer.calls();
  BOOST_TEST(
      (calls ==
       std::vector<std::string>{"begin", "staged:2", "sealing", "end:ok"}));
  std::string value;
  BOOST_TEST(store->db()
                 .Get(rocksdb::ReadOptions(), store->column_family("view_keys"),
                      "row-2", &value)
                 .ok());
  BOOST_TEST(value == r->events[1].payload);
}

BOOST_AUTO_TEST_CASE(submit_with_known_idempotency_key_does_not_call_prepare) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  int calls = 0;
  auto prepare = [&]() -> Result<AppendRequest> {
    ++calls;
    return Request("org-1", ExpectedVersion::Any(), 1);
  };
  auto first = store->Submit(prepare, testing::Key("k"));
  auto second = store->Submit(prepare, testing::Key("k"));
  BOOST_REQUIRE(first && second);
  BOOST_TEST(calls == 1);
  BOOST_TEST(second->duplicate);
  BOOST_TEST(second->events == first->events);
}

BOOST_AUTO_TEST_CASE(concurrent_retries_of_one_key_append_once) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  std::vector<std::thread> threads;
  std::vector<Result<AppendResult>> results(16, AppendResult{});
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      results[t] = store->Append(Request("org-1", ExpectedVersion::Any(), 1),
                                 testing::Key("same"));
    });
  }
  for (auto& t : threads) t.join();
  int originals = 0;
  for (auto& r : results) {
    BOOST_REQUIRE(r);
    BOOST_TEST(r->first_position == 1u);
    if (!r->duplicate) originals++;
  }
  BOOST_TEST(originals == 1);
  BOOST_TEST(store->LastPosition() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::eventstore
