#include "http/access_log.h"

#include <cstdio>
#include <ctime>

namespace keyledger::http {
namespace {

// RFC 3339 UTC with milliseconds.
std::string Now() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                    now.time_since_epoch())
                    .count() %
                1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, static_cast<int>(millis));
  return buffer;
}

}  // namespace

std::string SanitizeForLog(std::string_view text, size_t max_size,
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

namespace {
constexpr size_t kMaxPending = 64 << 10;
}  // namespace

AccessLog::AccessLog(std::ostream& out,
                     std::chrono::milliseconds flush_interval)
    : out_(out), flush_interval_(flush_interval), flusher_([this] { Run(); }) {}

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
    wake_.wait_for(lock, flush_interval_);
    WriteLocked();
  }
}

void AccessLog::Request(const AccessLogEntry& entry) {
  std::string_view path = entry.target.substr(0, entry.target.find('?'));
  char duration[32];
  std::snprintf(
      duration, sizeof duration, "%.3f",
      std::chrono::duration<double, std::milli>(entry.duration).count());
  Append("INFO",
         "method=" + SanitizeForLog(entry.method, 32) +
             " path=" + SanitizeForLog(path) + " status=" +
             std::to_string(entry.status) + " duration_ms=" + duration +
             " request_id=" + SanitizeForLog(entry.request_id, 64) +
             " remote=" + SanitizeForLog(entry.client_address, 64),
         /*now=*/false);
}

void AccessLog::Error(std::string_view request_id, std::string_view message) {
  Append("ERROR",
         "request_id=" + SanitizeForLog(request_id, 64) + " " +
             SanitizeForLog(message, 1024, /*keep_spaces=*/true),
         /*now=*/true);
}

void AccessLog::Info(std::string_view message) {
  Append("INFO", message, /*now=*/true);
}

void AccessLog::Flush() {
  std::lock_guard lock(mutex_);
  WriteLocked();
}

void AccessLog::Append(std::string_view level, std::string_view text,
                       bool now) {
  std::string line = Now();
  line.append(" ").append(level).append(" http ").append(text).append("\n");
  std::lock_guard lock(mutex_);
  pending_ += line;
  if (now || pending_.size() >= kMaxPending) WriteLocked();
}

void AccessLog::WriteLocked() {
  if (pending_.empty()) return;
  out_ << pending_ << std::flush;
  pending_.clear();
}

}  // namespace keyledger::http
