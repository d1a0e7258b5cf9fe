#ifndef KEYLEDGER_HTTP_RESPONSE_HEADERS_H_
#define KEYLEDGER_HTTP_RESPONSE_HEADERS_H_

#include <string>
#include <string_view>

namespace keyledger::http {

// True for a client-sent X-Request-Id we keep: 1-64 characters of
// [A-Za-z0-9._:-]. Anything else is replaced, so it cannot forge log lines.
bool IsSaneRequestId(std::string_view id);

// A fresh random request id: 16 lowercase hex digits. Not a secret.
std::string NewRequestId();

// Whether `path` (without the query) is under /api, whose answers carry
// Cache-Control: no-store (see WireContext).
bool IsApiPath(std::string_view path);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_RESPONSE_HEADERS_H_
