#ifndef KEYLEDGER_HTTP_RESPONSE_WIRE_H_
#define KEYLEDGER_HTTP_RESPONSE_WIRE_H_

#include <string>
#include <string_view>

#include "http/response.h"

namespace keyledger::http {

// What the server adds to a handler's response on the wire.
struct WireContext {
  unsigned version = 11;  // 10 for HTTP/1.0
  bool keep_alive = true;
  // Sent as X-Request-Id, unchecked. REQUIRES: IsSaneRequestId (a client's
  // id that is not sane is replaced by NewRequestId before it gets here).
  std::string_view request_id;
  bool api = false;  // under /api: Cache-Control: no-store (answers may
                     // contain secrets), replacing a handler's own
};

// Appends the HTTP/1.x bytes of `response` to `out`, for one write (one
// send, and much cheaper than Beast's buffer-sequence serializer): status
// line, Content-Type, the handler's safe headers, the headers every
// response carries (X-Content-Type-Options: nosniff, X-Frame-Options: DENY,
// X-Request-Id, and Cache-Control under /api), Connection and
// Content-Length (1xx/204/304 carry neither body nor Content-Length). A
// handler's copy of a header the server writes is dropped. Sets `status`
// to what is sent (500 for an invalid one). Appending lets the caller reuse
// one buffer's capacity across responses.
void SerializeResponse(Response& response, const WireContext& context,
                       int& status, std::string& out);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_RESPONSE_WIRE_H_
