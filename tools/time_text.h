#ifndef KEYLEDGER_TOOLS_TIME_TEXT_H_
#define KEYLEDGER_TOOLS_TIME_TEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace keyledger::tools {

// Parses Unix seconds ("1700000000") or RFC 3339 ("2026-11-26T10:00:00Z",
// "...+02:00", fractional seconds allowed) into Unix milliseconds.
std::optional<int64_t> ParseTimeMs(std::string_view text);

// RFC 3339 in UTC with milliseconds, e.g. "2026-11-26T10:00:00.123Z".
std::string FormatTimeMs(int64_t unix_ms);

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_TIME_TEXT_H_
