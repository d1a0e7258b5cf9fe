#include "http/access_log.h"

#include <charconv>
#include <cstdio>
#include <ctime>
#include <utility>

#include "http/metrics.h"

namespace keyledger::http {
namespace {

// Pending request lines that wake the flusher before its interval is up.
constexpr size_t kWriteSoonAt = 64 << 10;

// Appends the time as RFC 3339 UTC with milliseconds. The part up to the
// seconds is formatted once per second per thread (gmtime_r and snprintf
// cost more than the rest of a request line).
void AppendNow(std::string& out) {
  thread_local std::time_t cached_second = -1;
  thread_local char cached[32];  // "YYYY-MM-DDTHH:MM:SS"
  thread_local int cached_size = 0;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  if (seconds != cached_second) {
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    cached_size = std::snprintf(cached, sizeof cached,
                                "%04d-%02d-%02dT%02d:%02d:%02d",
                                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                                tm.tm_hour, tm.tm_min, tm.tm_sec);
    cached_second = seconds;
  }
  const int ms = static_cast<int>(millis % 1000);
  const char fraction[] = {'.', char('0' + ms / 100), char('0' + ms / 10 % 10),
                           char('0' + ms % 10), 'Z'};
  out.append(cached, static_cast<size_t>(cached_size))
      .append(fraction, sizeof fraction);
}

// Appends `duration` in milliseconds with three decimals ("1.234").
void AppendMillis(std::string& out,
                  std::chrono::steady_clock::duration duration) {
  const auto nanos =
      std::chrono::duration_cast<std::chrono::nanoseconds>(duration).count();
  const long long micros = nanos > 0 ? (nanos + 500) / 1000 : 0;
  char buffer[32];
  char* end = std::to_chars(buffer, buffer + sizeof buffer, micros / 1000).ptr;
  const int fraction = static_cast<int>(micros % 1000);
  *end++ = '.';
  *end++ = char('0' + fraction / 100);
  *end++ = char('0' + fraction / 10 % 10);
  *end++ = char('0' + fraction % 10);
  out.append(buffer, end);
}

template <typename Int>
void AppendInt(std::string& out, Int value) {
  char buffer[24];
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

// SanitizeForLog, appended to `out`; runs of characters kept as they are
// are appended at once.
void AppendSanitized(std::string& out, std::string_view text, size_t max_size,
                     bool keep_spaces = false) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  auto escaped = [keep_spaces](unsigned char c) {
    return (c == ' ' && !keep_spaces) || c < 0x20 || c >= 0x7f || c == '"' ||
           c == '\\';
  };
  size_t written = 0;
  for (size_t i = 0; i < text.size();) {
    if (written >= max_size) {
      out += "...";
      return;
    }
    size_t end = i;
    while (end < text.size() && end - i < max_size - written &&
           !escaped(static_cast<unsigned char>(text[end]))) {
      ++end;
    }
    if (end > i) {
      out.append(text.data() + i, end - i);
      written += end - i;
      i = end;
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i++]);
    const char percent[] = {'%', kHex[c >> 4], kHex[c & 0xf]};
    out.append(percent, sizeof percent);
    written += sizeof percent;
  }
}

}  // namespace

std::string SanitizeForLog(std::string_view text, size_t max_size,
                           bool keep_spaces) {
  std::string out;
  AppendSanitized(out, text, max_size, keep_spaces);
  return out;
}

AccessLog::AccessLog(std::ostream& out,
                     std::chrono::milliseconds flush_interval,
                     size_t max_pending, Counter* dropped)
    : out_(out),
      flush_interval_(flush_interval),
      max_pending_(max_pending),
      dropped_counter_(dropped),
      flusher_([this] { Run(); }) {}

AccessLog::~AccessLog() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  flusher_.join();
  Flush();
}

void AccessLog::Run() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    wake_.wait_for(lock, flush_interval_,
                   [this] { return stop_ || flush_wanted_; });
    lock.unlock();
    Flush();
    lock.lock();
  }
}

void AccessLog::Request(const AccessLogEntry& entry) {
  // Built in a per-thread buffer that keeps its capacity: no allocation.
  thread_local std::string line;
  line.clear();
  StartLine(line, "INFO");
  line.append("method=");
  AppendSanitized(line, entry.method, 32);
  line.append(" path=");
  AppendSanitized(line, entry.target.substr(0, entry.target.find('?')), 256);
  line.append(" status=");
  AppendInt(line, entry.status);
  line.append(" duration_ms=");
  AppendMillis(line, entry.duration);
  line.append(" request_id=");
  AppendSanitized(line, entry.request_id, 64);
  line.append(" remote=");
  AppendSanitized(line, entry.client_address, 64);
  line += '\n';
  Append(line, /*urgent=*/false);
}

void AccessLog::Error(std::string_view request_id, std::string_view message) {
  std::string line;
  StartLine(line, "ERROR");
  line.append("request_id=");
  AppendSanitized(line, request_id, 64);
  line += ' ';
  AppendSanitized(line, message, 1024, /*keep_spaces=*/true);
  line += '\n';
  Append(line, /*urgent=*/true);
}

void AccessLog::Info(std::string_view message) {
  std::string line;
  StartLine(line, "INFO");
  line.append(message).append("\n");
  Append(line, /*urgent=*/true);
}

void AccessLog::StartLine(std::string& line, std::string_view level) {
  AppendNow(line);
  line.append(" ").append(level).append(" http ");
}

void AccessLog::Flush() {
  std::lock_guard write_lock(write_mutex_);
  writing_.clear();
  uint64_t dropped = 0;
  {
    std::lock_guard lock(mutex_);
    writing_.swap(pending_);  // both keep their capacity for the next batch
    dropped = std::exchange(dropped_, 0);
    flush_wanted_ = false;
  }
  if (dropped != 0) {
    StartLine(writing_, "WARN");
    writing_.append("access log: ");
    AppendInt(writing_, dropped);
    writing_.append(" lines dropped, the output did not keep up\n");
  }
  if (writing_.empty()) return;
  out_.write(writing_.data(), static_cast<std::streamsize>(writing_.size()));
  out_.flush();
}

void AccessLog::Append(std::string_view line, bool urgent) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    const size_t room = urgent ? 2 * max_pending_ : max_pending_;
    if (pending_.size() + line.size() > room) {
      ++dropped_;
      if (dropped_counter_ != nullptr) dropped_counter_->Increment();
      return;
    }
    pending_.append(line);
    if (!flush_wanted_ && (urgent || pending_.size() >= kWriteSoonAt)) {
      flush_wanted_ = wake = true;
    }
  }
  if (wake) wake_.notify_one();
}

}  // namespace keyledger::http
