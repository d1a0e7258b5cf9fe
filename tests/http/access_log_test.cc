#define BOOST_TEST_MODULE http_access_log_test
#include "http/access_log.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <random>
#include <regex>
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
