#include "domain/time_text.h"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace keyledger::domain {
namespace {

std::optional<int64_t> ParseInt(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Parses the zone suffix: "Z" or "+hh:mm"/"-hh:mm", as seconds east of UTC.
std::optional<int64_t> ParseZone(std::string_view zone) {
  if (zone == "Z" || zone == "z") return 0;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') {
    return std::nullopt;
  }
  auto hours = ParseInt(zone.substr(1, 2));
  auto minutes = ParseInt(zone.substr(4, 2));
  if (!hours || !minutes || *hours > 23 || *minutes > 59) return std::nullopt;
  const int64_t offset = *hours * 3600 + *minutes * 60;
  return zone[0] == '+' ? offset : -offset;
}

}  // namespace

std::optional<int64_t> ParseTimeMs(std::string_view text) {
  if (auto seconds = ParseInt(text)) return *seconds * 1000;
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  auto year = ParseInt(text.substr(0, 4));
  auto month = ParseInt(text.substr(5, 2));
  auto day = ParseInt(text.substr(8, 2));
  auto hour = ParseInt(text.substr(11, 2));
  auto minute = ParseInt(text.substr(14, 2));
  auto second = ParseInt(text.substr(17, 2));
  if (!year || !month || !day || !hour || !minute || !second || *month < 1 ||
      *month > 12 || *day < 1 || *day > 31 || *hour > 23 || *minute > 59 ||
      *second > 60) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(19);
  int64_t millis = 0;
  if (!rest.empty() && rest[0] == '.') {
    size_t digits = 1;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') {
      if (digits <= 3) millis = millis * 10 + (rest[digits] - '0');
      ++digits;
    }
    if (digits == 1) return std::nullopt;
    for (size_t i = digits; i <= 3; ++i) millis *= 10;
    rest = rest.substr(digits);
  }
  auto zone = ParseZone(rest);
  if (!zone) return std::nullopt;
  std::tm tm{};
  tm.tm_year = static_cast<int>(*year - 1900);
  tm.tm_mon = static_cast<int>(*month - 1);
  tm.tm_mday = static_cast<int>(*day);
  tm.tm_hour = static_cast<int>(*hour);
  tm.tm_min = static_cast<int>(*minute);
  tm.tm_sec = static_cast<int>(*second);
  return (static_cast<int64_t>(timegm(&tm)) - *zone) * 1000 + millis;
}

std::string FormatTimeMs(int64_t unix_ms) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, static_cast<int>(unix_ms % 1000));
  return buffer;
}

std::string FormatTimeSeconds(int64_t unix_seconds) {
  std::string text = FormatTimeMs(unix_seconds * 1000);
  return text.substr(0, 19) + "Z";
}

}  // namespace keyledger::domain
