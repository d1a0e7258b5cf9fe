#include "http/time_param.h"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace keyledger::http {
namespace {

// Unix seconds we accept: years 0001..9999 either way.
constexpr int64_t kMaxSeconds = 253402300799;
constexpr int64_t kMinSeconds = -62135596800;

std::optional<int64_t> ParseDigits(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// A fixed-width unsigned field, e.g. the "11" of "-11-".
std::optional<int> Field(std::string_view text, size_t at, size_t width,
                         int low, int high) {
  if (at + width > text.size()) return std::nullopt;
  std::string_view digits = text.substr(at, width);
  if (digits.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  const auto value = ParseDigits(digits);
  if (!value || *value < low || *value > high) return std::nullopt;
  return static_cast<int>(*value);
}

// "Z" or "+hh:mm" / "-hh:mm" as seconds east of UTC.
std::optional<int64_t> ParseZone(std::string_view zone) {
  if (zone == "Z" || zone == "z") return 0;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') ||
      zone[3] != ':') {
    return std::nullopt;
  }
  auto hours = Field(zone, 1, 2, 0, 23);
  auto minutes = Field(zone, 4, 2, 0, 59);
  if (!hours || !minutes) return std::nullopt;
  const int64_t offset = *hours * 3600 + *minutes * 60;
  return zone[0] == '+' ? offset : -offset;
}

// Fraction ".d+" at the start of `rest` as milliseconds (digits beyond the
// third are ignored); removes it from `rest`.
std::optional<int64_t> TakeMillis(std::string_view& rest) {
  if (rest.empty() || rest[0] != '.') return 0;
  size_t end = 1;
  int64_t millis = 0;
  while (end < rest.size() && rest[end] >= '0' && rest[end] <= '9') {
    if (end <= 3) millis = millis * 10 + (rest[end] - '0');
    ++end;
  }
  if (end == 1) return std::nullopt;
  for (size_t i = end; i <= 3; ++i) millis *= 10;
  rest.remove_prefix(end);
  return millis;
}

std::optional<int64_t> ParseRfc3339Ms(std::string_view text) {
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != 't') || text[13] != ':' ||
      text[16] != ':') {
    return std::nullopt;
  }
  auto year = Field(text, 0, 4, 1, 9999);
  auto month = Field(text, 5, 2, 1, 12);
  auto day = Field(text, 8, 2, 1, 31);
  auto hour = Field(text, 11, 2, 0, 23);
  auto minute = Field(text, 14, 2, 0, 59);
  auto second = Field(text, 17, 2, 0, 60);
  if (!year || !month || !day || !hour || !minute || !second)
    return std::nullopt;
  std::string_view rest = text.substr(19);
  auto millis = TakeMillis(rest);
  auto zone = millis ? ParseZone(rest) : std::nullopt;
  if (!zone) return std::nullopt;
  std::tm tm{};
  tm.tm_year = *year - 1900;
  tm.tm_mon = *month - 1;
  tm.tm_mday = *day;
  tm.tm_hour = *hour;
  tm.tm_min = *minute;
  tm.tm_sec = *second;
  return (static_cast<int64_t>(timegm(&tm)) - *zone) * 1000 + *millis;
}

}  // namespace

std::optional<int64_t> ParseTimeParamMs(std::string_view text) {
  if (auto seconds = ParseDigits(text)) {
    if (*seconds > kMaxSeconds || *seconds < kMinSeconds) return std::nullopt;
    return *seconds * 1000;
  }
  return ParseRfc3339Ms(text);
}

std::string Rfc3339Ms(int64_t unix_ms) {
  int64_t seconds = unix_ms / 1000;
  int64_t millis = unix_ms % 1000;
  if (millis < 0) {
    millis += 1000;
    seconds -= 1;
  }
  const auto time = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&time, &tm);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, static_cast<int>(millis));
  return buffer;
}

}  // namespace keyledger::http
