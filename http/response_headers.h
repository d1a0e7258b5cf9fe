#ifndef KEYLEDGER_HTTP_RESPONSE_HEADERS_H_
#define KEYLEDGER_HTTP_RESPONSE_HEADERS_H_

#include <string>
#include <string_view>

#include "http/response.h"

namespace keyledger::http {

// True for a client-sent X-Request-Id we keep: 1-64 characters of
// [A-Za-z0-9._:-]. Anything else is replaced, so it cannot forge log lines.
bool IsSaneRequestId(std::string_view id);

// A fresh random request id: 16 lowercase hex digits. Not a secret.
std::string NewRequestId();

// Adds the headers every response carries: X-Content-Type-Options: nosniff,
// X-Frame-Options: DENY, X-Request-Id, and for paths under /api
// Cache-Control: no-store (answers may contain secrets), replacing a
// handler's Cache-Control there.
void AddStandardHeaders(std::string_view path, std::string_view request_id,
                        Response& response);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_RESPONSE_HEADERS_H_
