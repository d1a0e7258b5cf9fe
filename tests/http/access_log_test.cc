#define BOOST_TEST_MODULE http_access_log_test
#include "http/access_log.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include "http/metrics.h"
#include "tests/http/test_server.h"

namespace keyledger::http {
namespace {

using namespace std::chrono_literals;
using testing::LockedLog;
using testing::WaitForText;

AccessLogEntry Entry(std::string_view target) {
  return {"GET", target, 200, 1ms, "req-1", "127.0.0.1"};
}

BOOST_AUTO_TEST_SUITE(access_log)

// Request lines are batched; an Error or Info line joins the batch after
// them, so the stream keeps the order of events, and has it written soon.
BOOST_AUTO_TEST_CASE(buffered_request_lines_keep_their_order) {
  LockedLog buffer;
  std::ostream out(&buffer);
  AccessLog log(out, std::chrono::hours(1));  // no writes on a timer
  log.Request(Entry("/first?token=secret"));
  std::this_thread::sleep_for(20ms);
  BOOST_TEST(buffer.Text().empty());
  log.Error("req-2", "went wrong");
  const std::string text = WaitForText(buffer, "went wrong");
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
    BOOST_TEST(WaitForText(buffer, "path=/a ").find("path=/a ") !=
               std::string::npos);
  }
  {
    AccessLog log(out, std::chrono::hours(1));
    log.Request(Entry("/b"));
  }  // the destructor writes it
  BOOST_TEST(buffer.Text().find("path=/b ") != std::string::npos);
}

// 2000 lines of ~130 bytes exceed 64 KiB: the flusher writes them without
// waiting for its interval.
BOOST_AUTO_TEST_CASE(a_large_batch_is_written_before_the_interval) {
  LockedLog buffer;
  std::ostream out(&buffer);
  AccessLog log(out, std::chrono::hours(1));
  for (int i = 0; i < 2000; ++i) log.Request(Entry("/many"));
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (buffer.Text().size() <= 64u * 1024 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  BOOST_TEST(buffer.Text().size() > 64u * 1024);
}

// A stream whose writes wait until Release(): a log reader that stopped
// reading (a full pipe).
class StalledLog : public std::stringbuf {
 public:
  void Release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    released_cv_.notify_all();
  }
  bool WriterWaiting() {
    std::lock_guard lock(mutex_);
    return waiting_;
  }
  std::string Text() {
    std::lock_guard lock(mutex_);
    return str();
  }

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    WaitForRelease();
    return std::stringbuf::xsputn(s, n);
  }
  int_type overflow(int_type c) override {
    WaitForRelease();
    return std::stringbuf::overflow(c);
  }

 private:
  void WaitForRelease() {
    std::unique_lock lock(mutex_);
    waiting_ = true;
    released_cv_.wait(lock, [this] { return released_; });
  }
  std::mutex mutex_;
  std::condition_variable released_cv_;
  bool released_ = false;
  bool waiting_ = false;
};

size_t Count(const std::string& text, const std::string& what) {
  size_t count = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + 1)) {
    ++count;
  }
  return count;
}

// While the stream is stalled, request lines are still taken at once (a
// request never waits for the log); past `max_pending` bytes they are
// dropped, counted in the given counter and by a WARN line once the stream
// moves again.
BOOST_AUTO_TEST_CASE(a_stalled_stream_blocks_no_request_line) {
  StalledLog stalled;
  std::ostream out(&stalled);
  constexpr int kLines = 6000;
  Metrics metrics;
  Counter& dropped_lines =
      metrics.AddCounter("dropped_total", "", {}).WithLabels({});
  {
    AccessLog log(out, std::chrono::hours(1), 256 << 10, &dropped_lines);
    auto requests = std::async(std::launch::async, [&log, &stalled] {
      for (int i = 0; i < 1000; ++i) log.Request(Entry("/stalled"));
      // ~130 KB pending woke the flusher, which now waits in its write.
      while (!stalled.WriterWaiting()) std::this_thread::sleep_for(1ms);
      for (int i = 1000; i < kLines; ++i) log.Request(Entry("/stalled"));
    });
    BOOST_TEST((requests.wait_for(30s) == std::future_status::ready),
               "request lines waited for the stalled stream");
    stalled.Release();
    requests.get();
  }  // the destructor writes the rest
  const std::string text = stalled.Text();
  std::smatch warn;
  BOOST_REQUIRE(std::regex_search(
      text, warn,
      std::regex("WARN http access log: ([0-9]+) lines dropped, "
                 "the output did not keep up\n")));
  const size_t dropped = std::stoul(warn[1]);
  BOOST_TEST(dropped > 0u);
  BOOST_TEST(dropped_lines.Value() == static_cast<double>(dropped));
  BOOST_TEST(Count(text, "path=/stalled ") + dropped == size_t{kLines});
}

// Error and Info lines do not wait for a stalled stream either (an error
// logged on an I/O thread would stall every connection of that thread).
BOOST_AUTO_TEST_CASE(a_stalled_stream_blocks_no_error_line) {
  StalledLog stalled;
  std::ostream out(&stalled);
  {
    AccessLog log(out, std::chrono::hours(1));
    // The first line is written, by the flusher, which then waits in its
    // write; the second is logged while it waits.
    auto info = std::async(std::launch::async, [&log] { log.Info("first"); });
    while (!stalled.WriterWaiting()) std::this_thread::sleep_for(1ms);
    auto error = std::async(std::launch::async,
                            [&log] { log.Error("req-9", "went wrong"); });
    BOOST_TEST((info.wait_for(10s) == std::future_status::ready),
               "an info line waited for the stalled stream");
    BOOST_TEST((error.wait_for(10s) == std::future_status::ready),
               "an error line waited for the stalled stream");
    stalled.Release();
    info.get();
    error.get();
  }  // the destructor writes the rest
  const std::string text = stalled.Text();
  const size_t first = text.find("INFO http first\n");
  const size_t error = text.find("ERROR http request_id=req-9 went wrong\n");
  BOOST_TEST(first != std::string::npos, text);
  BOOST_TEST(error != std::string::npos, text);
  BOOST_TEST(first < error);
}

// The whole request line, field by field: RFC 3339 time with milliseconds,
// the path without its query, the duration in ms with three decimals, and
// client input percent-encoded so it cannot forge or split a line.
BOOST_AUTO_TEST_CASE(a_request_line_has_every_field_sanitized) {
  LockedLog buffer;
  std::ostream out(&buffer);
  {
    AccessLog log(out, std::chrono::hours(1));
    log.Request({"G\"T", "/a b?x=1", 404, 1234567ns, "id\n1", "::1"});
    log.Request({"GET", "/", 200, 0ns, "r", "h"});
  }
  const std::string text = buffer.Text();
  const std::regex line(
      "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO http "
      "method=G%22T path=/a%20b status=404 duration_ms=1\\.235 "
      "request_id=id%0A1 remote=::1\n"
      "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO http "
      "method=GET path=/ status=200 duration_ms=0\\.000 request_id=r "
      "remote=h\n");
  BOOST_TEST(std::regex_match(text, line), text);
}

// The reference: the character-by-character definition in access_log.h.
std::string SanitizeReference(std::string_view text, size_t max_size,
                              bool keep_spaces) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (out.size() >= max_size) {
      out += "...";
      break;
    }
    if ((c == ' ' && !keep_spaces) || c < 0x20 || c >= 0x7f || c == '"' ||
        c == '\\') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

BOOST_AUTO_TEST_CASE(sanitizing_matches_its_definition) {
  std::mt19937 random(7);
  const std::string alphabet = std::string("ab /\"\\\n\x7f\xc3%", 11);
  for (int i = 0; i < 20000; ++i) {
    std::string text(random() % 24, ' ');
    for (char& c : text) c = alphabet[random() % alphabet.size()];
    const size_t max_size = random() % 20;
    const bool keep_spaces = random() % 2;
    BOOST_TEST(SanitizeForLog(text, max_size, keep_spaces) ==
               SanitizeReference(text, max_size, keep_spaces));
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http
