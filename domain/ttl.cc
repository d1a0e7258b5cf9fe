#include "domain/ttl.h"

#include <limits>
#include <string>

namespace keyledger::domain {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

std::optional<int64_t> UnitSeconds(char unit) {
  switch (unit) {
    case 's':
      return 1;
    case 'm':
      return 60;
    case 'h':
      return 3600;
    case 'd':
      return kSecondsPerDay;
    case 'w':
      return 7 * kSecondsPerDay;
    case 'M':
      return 30 * kSecondsPerDay;
    default:
      return std::nullopt;
  }
}

Error TtlError(std::string_view text) {
  return MakeError(ErrorCode::kInvalidArgument,
                   "invalid timeToLive \"" + std::string(text) +
                       "\": expected <number><unit> with unit s, m, h, d, w "
                       "or M (30 days), e.g. 30s, 15m, 12h, 7d, 2w, 1M");
}

Error Invalid(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message));
}

// Seconds to live from whichever input is present (0 when neither is).
Result<int64_t> SecondsToLive(const TtlInput& ttl, std::string_view prefix) {
  if (ttl.seconds_to_live && ttl.time_to_live) {
    return Invalid(std::string(prefix) +
                   ": secondsToLive and timeToLive cannot both be set");
  }
  if (ttl.seconds_to_live) return *ttl.seconds_to_live;
  if (!ttl.time_to_live) return 0;
  Result<int64_t> parsed = ParseTimeToLive(*ttl.time_to_live);
  if (!parsed)
    return Invalid(std::string(prefix) + ": " + parsed.error().message);
  return *parsed;
}

// [service_accounts] token_expiration_day_limit, compared in UTC days.
Result<void> CheckDayLimit(std::optional<int64_t> expires, int64_t day_limit,
                           int64_t now) {
  static constexpr char kMessage[] =
      "The expiration date input exceeds the limit for service account "
      "access tokens expiration date";
  if (!expires) return Invalid(kMessage);
  if (day_limit >
      (std::numeric_limits<int64_t>::max() - now) / kSecondsPerDay) {
    return {};
  }
  const int64_t limit_day = (now + day_limit * kSecondsPerDay) / kSecondsPerDay;
  if (*expires / kSecondsPerDay > limit_day) return Invalid(kMessage);
  return {};
}

}  // namespace

Result<int64_t> ParseTimeToLive(std::string_view text) {
  if (text.size() < 2) return TtlError(text);
  const std::optional<int64_t> unit = UnitSeconds(text.back());
  if (!unit) return TtlError(text);
  int64_t number = 0;
  for (char c : text.substr(0, text.size() - 1)) {
    if (c < '0' || c > '9') return TtlError(text);
    if (number > (std::numeric_limits<int64_t>::max() - (c - '0')) / 10) {
      return TtlError(text);
    }
    number = number * 10 + (c - '0');
  }
  if (number > std::numeric_limits<int64_t>::max() / *unit) {
    return TtlError(text);
  }
  return number * *unit;
}

Result<std::optional<int64_t>> ResolveExpiry(const TtlInput& ttl,
                                             const Limits& limits, int64_t now,
                                             bool is_token) {
  const std::string_view prefix =
      is_token ? "Bad request data" : "bad request data";
  Result<int64_t> seconds = SecondsToLive(ttl, prefix);
  if (!seconds) return seconds.error();
  if (*seconds < 0) {
    return Invalid(is_token ? "invalid SecondsToLive value"
                            : "negative value for SecondsToLive");
  }
  const int64_t max = limits.api_key_max_seconds_to_live;
  if (max >= 0 && *seconds == 0) {
    return Invalid("Number of seconds before expiration should be set");
  }
  if (max >= 0 && *seconds > max) {
    return Invalid(
        "Number of seconds before expiration is greater than the global "
        "limit");
  }
  if (*seconds > std::numeric_limits<int64_t>::max() - now) {
    return Invalid(std::string(prefix) + ": time to live is too large");
  }
  std::optional<int64_t> expires;
  if (*seconds > 0) expires = now + *seconds;
  if (is_token && limits.token_expiration_day_limit > 0) {
    Result<void> day_check =
        CheckDayLimit(expires, limits.token_expiration_day_limit, now);
    if (!day_check) return day_check.error();
  }
  return expires;
}

}  // namespace keyledger::domain
