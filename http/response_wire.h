#ifndef KEYLEDGER_HTTP_RESPONSE_WIRE_H_
#define KEYLEDGER_HTTP_RESPONSE_WIRE_H_

#include <string>

#include "http/response.h"

namespace keyledger::http {

// The HTTP/1.x bytes of `response` in one buffer, for one write: status
// line, Content-Type, the handler's safe headers, Connection and
// Content-Length (always ours; 1xx/204/304 carry neither body nor
// Content-Length). Sets `status` to what is sent (500 for an invalid one).
std::string SerializeResponse(Response& response, unsigned version,
                              bool keep_alive, int& status);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_RESPONSE_WIRE_H_
