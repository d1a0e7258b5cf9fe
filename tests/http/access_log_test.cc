#define BOOST_TEST_MODULE http_access_log_test
#include "http/access_log.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <sstream>
#include <thread>

#include "tests/http/test_server.h"

namespace keyledger::http {
namespace {

using namespace std::chrono_literals;
using testing::LockedLog;

AccessLogEntry Entry(std::string_view target) {
  return {"GET", target, 200, 1ms, "req-1", "127.0.0.1"};
}

BOOST_AUTO_TEST_SUITE(access_log)

// Request lines are batched, but an Error or Info line writes what came
// before it first, so the stream keeps the order of events.
BOOST_AUTO_TEST_CASE(buffered_request_lines_keep_their_order) {
  LockedLog buffer;
  std::ostream out(&buffer);
  AccessLog log(out, std::chrono::hours(1));  // only explicit writes
  log.Request(Entry("/first?token=secret"));
  BOOST_TEST(buffer.Text().empty());
  log.Error("req-2", "went wrong");
  const std::string text = buffer.Text();
  const size_t first = text.find("path=/first status=200");
  const size_t error = text.find("ERROR http request_id=req-2 went wrong");
  BOOST_TEST(first != std::string::npos);
  BOOST_TEST(error != std::string::npos);
  BOOST_TEST(first < error);
  BOOST_TEST(text.find("secret") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_flusher_writes_within_the_interval_and_on_close) {
  LockedLog buffer;
  std::ostream out(&buffer);
  {
    AccessLog log(out, 10ms);
    log.Request(Entry("/a"));
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (buffer.Text().find("path=/a ") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(1ms);
    }
    BOOST_TEST(buffer.Text().find("path=/a ") != std::string::npos);
  }
  {
    AccessLog log(out, std::chrono::hours(1));
    log.Request(Entry("/b"));
  }  // the destructor writes it
  BOOST_TEST(buffer.Text().find("path=/b ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(many_request_lines_are_written_without_waiting) {
  LockedLog buffer;
  std::ostream out(&buffer);
  AccessLog log(out, std::chrono::hours(1));
  for (int i = 0; i < 2000; ++i) log.Request(Entry("/many"));
  // 2000 lines of ~130 bytes exceed the 64 KiB batch: most are out already.
  BOOST_TEST(buffer.Text().size() > 64u * 1024);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http
