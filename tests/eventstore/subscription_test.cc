#define BOOST_TEST_MODULE eventstore_subscription_test
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <thread>

#include "eventstore/event_store.h"
#include "tests/eventstore/store_test_util.h"

namespace keyledger::eventstore {
namespace {

using namespace std::chrono_literals;
using testing::OpenOrThrow;
using testing::Request;
using testing::TempDir;

BOOST_AUTO_TEST_SUITE(subscription)

BOOST_AUTO_TEST_CASE(sees_every_event_exactly_once_in_order_while_writers_run) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  BOOST_REQUIRE(store->Append(Request("org-0", ExpectedVersion::Any(), 5)));
  constexpr int kWriters = 8;
  constexpr int kAppends = 50;
  constexpr uint64_t kTotal = 5 + kWriters * kAppends * 2;
  std::vector<std::thread> writers;
  for (int t = 0; t < kWriters; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kAppends; ++i) {
        (void)store->Append(
            Request("org-" + std::to_string(t), ExpectedVersion::Any(), 2));
      }
    });
  }
  Subscription subscription(*store, 0);
  std::vector<RecordedEvent> seen;
  while (seen.size() < kTotal) {
    auto next = subscription.Next(5s);
    BOOST_REQUIRE(next);
    if (!*next) break;  // nothing for 5 s: writers are done or stuck
    seen.push_back(std::move(**next));
  }
  for (auto& w : writers) w.join();
  BOOST_REQUIRE_EQUAL(seen.size(), kTotal);
  for (size_t i = 0; i < seen.size(); ++i) {
    BOOST_TEST_REQUIRE(seen[i].position == i + 1);
  }
  auto after = subscription.Next(10ms);
  BOOST_REQUIRE(after);
  BOOST_TEST(!after->has_value());
}

BOOST_AUTO_TEST_CASE(starts_after_the_given_position) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  BOOST_REQUIRE(store->Append(Request("org-0", ExpectedVersion::Any(), 4)));
  Subscription subscription(*store, 2);
  auto next = subscription.Next(1s);
  BOOST_REQUIRE(next);
  BOOST_REQUIRE(next->has_value());
  BOOST_TEST((*next)->position == 3u);
}

BOOST_AUTO_TEST_CASE(wait_for_position_wakes_on_a_durable_append) {
  TempDir dir;
  auto store = OpenOrThrow(dir.path());
  BOOST_TEST(store->WaitForPosition(1, 1ms) == 0u);
  std::thread writer([&] {
    (void)store->Append(Request("org-0", ExpectedVersion::Any(), 1));
  });
  // Generous timeout: the test only fails if the waiter is never woken.
  BOOST_TEST(store->WaitForPosition(1, 30s) == 1u);
  writer.join();
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::eventstore
