#ifndef KEYLEDGER_HTTP_ACCESS_LOG_H_
#define KEYLEDGER_HTTP_ACCESS_LOG_H_

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>

namespace keyledger::http {

class Counter;

// What one request log line holds. Deliberately no headers, query string or
// body: they may carry credentials.
struct AccessLogEntry {
  std::string_view method;
  std::string_view target;  // raw target; only the path before '?' is logged
  int status = 0;
  std::chrono::steady_clock::duration duration{};
  std::string_view request_id;
  std::string_view client_address;
};

// Writes one line per event to a stream shared with other threads.
// Request lines are buffered and written by a background thread within
// `flush_interval` (sooner when 64 KiB are pending): one write per batch
// instead of one per request. A request line never waits for the stream:
// it is formatted without allocating (a per-thread buffer) and the lock it
// takes only guards appending it to the batch. When the stream does not
// keep up (a full pipe to a stalled log reader, a disk under writeback)
// and `max_pending` bytes wait, further request lines are dropped, counted
// in `dropped` (if given; it must outlive the log) and by a WARN line; the
// requests are served meanwhile. Error and Info lines (rare) join the
// same batch, so the order is kept, and wake the flusher at once; they do
// not wait for the stream either, and are dropped (and counted) only past
// twice `max_pending`. The destructor writes what is left. Thread-safe;
// each line is written whole.
class AccessLog {
 public:
  static constexpr std::chrono::milliseconds kFlushInterval{200};
  static constexpr size_t kMaxPending = size_t{16} << 20;

  explicit AccessLog(std::ostream& out,
                     std::chrono::milliseconds flush_interval = kFlushInterval,
                     size_t max_pending = kMaxPending,
                     Counter* dropped = nullptr);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // `<time> INFO http method=GET path=/x status=200 duration_ms=1.2
  // request_id=.. remote=..`
  void Request(const AccessLogEntry& entry);

  // `<time> ERROR http request_id=.. <message>`; the message must hold no
  // secret.
  void Error(std::string_view request_id, std::string_view message);

  // `<time> INFO http <message>`.
  void Info(std::string_view message);

  // Writes the buffered lines now.
  void Flush();

 private:
  // Appends "<time> <level> http " to `line`.
  static void StartLine(std::string& line, std::string_view level);
  // Adds a whole line to the batch and wakes the flusher if the line is
  // `urgent` or the batch large; drops the line when the batch is full
  // (an urgent line has twice the room).
  void Append(std::string_view line, bool urgent);
  void Run();

  std::ostream& out_;
  const std::chrono::milliseconds flush_interval_;
  const size_t max_pending_;
  Counter* const dropped_counter_;
  // Lock order: write_mutex_, then mutex_.
  std::mutex write_mutex_;  // guards out_ and writing_
  std::string writing_;     // the batch being written
  std::mutex mutex_;        // guards the fields below
  std::condition_variable wake_;
  std::string pending_;
  uint64_t dropped_ = 0;       // lines dropped since the last write
  bool flush_wanted_ = false;  // the flusher is woken before its interval
  bool stop_ = false;
  std::thread flusher_;  // last: starts after the fields above exist
};

// `text` with control characters, quotes, backslashes, non-ASCII bytes and
// (unless keep_spaces) spaces percent-encoded, cut to `max_size` bytes, so
// that client input cannot forge or split a log line.
std::string SanitizeForLog(std::string_view text, size_t max_size = 256,
                           bool keep_spaces = false);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_ACCESS_LOG_H_
