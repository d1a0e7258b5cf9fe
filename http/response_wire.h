#ifndef KEYLEDGER_HTTP_RESPONSE_WIRE_H_
#define KEYLEDGER_HTTP_RESPONSE_WIRE_H_

#include <string>

#include "http/response.h"

namespace keyledger::http {

// Appends the HTTP/1.x bytes of `response` to `out`, for one write (one
// send, and much cheaper than Beast's buffer-sequence serializer): status
// line, Content-Type, the handler's safe headers, Connection and
// Content-Length (always ours; 1xx/204/304 carry neither body nor
// Content-Length). Sets `status` to what is sent (500 for an invalid one).
// Appending lets the caller reuse one buffer's capacity across responses.
void SerializeResponse(Response& response, unsigned version, bool keep_alive,
                       int& status, std::string& out);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_RESPONSE_WIRE_H_
