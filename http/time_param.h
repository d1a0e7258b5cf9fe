#ifndef KEYLEDGER_HTTP_TIME_PARAM_H_
#define KEYLEDGER_HTTP_TIME_PARAM_H_

// Times in query parameters and answers of keyledger's own endpoints.
// (tools/time_text.h has the same grammar; tools/ sits above http/, so it
// cannot be shared from here without moving it down a layer.)

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace keyledger::http {

// Unix seconds ("1700000000", may be negative) or RFC 3339
// ("2026-11-26T10:00:00Z", "2026-11-26T10:00:00.5+02:00") as Unix
// milliseconds; nullopt when the text is neither or out of range.
std::optional<int64_t> ParseTimeParamMs(std::string_view text);

// RFC 3339 in UTC with milliseconds, e.g. "2026-11-26T10:00:00.123Z".
std::string Rfc3339Ms(int64_t unix_ms);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_TIME_PARAM_H_
