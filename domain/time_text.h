#ifndef KEYLEDGER_DOMAIN_TIME_TEXT_H_
#define KEYLEDGER_DOMAIN_TIME_TEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Text forms of times: pure functions, no clock.

namespace keyledger::domain {

// Parses Unix seconds ("1700000000") or RFC 3339 ("2026-11-26T10:00:00Z",
// "...+02:00", fractional seconds allowed) into Unix milliseconds.
std::optional<int64_t> ParseTimeMs(std::string_view text);

// RFC 3339 in UTC with milliseconds, e.g. "2026-11-26T10:00:00.123Z".
std::string FormatTimeMs(int64_t unix_ms);

// RFC 3339 in UTC to the second, e.g. "2026-11-26T10:00:00Z" (Grafana's DTOs).
std::string FormatTimeSeconds(int64_t unix_seconds);

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_TIME_TEXT_H_
