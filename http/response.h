#ifndef KEYLEDGER_HTTP_RESPONSE_H_
#define KEYLEDGER_HTTP_RESPONSE_H_

#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace keyledger::http {

// One HTTP response as handlers produce it: plain data, no Beast types. The
// server adds Content-Length, Connection, X-Request-Id and the security headers
// (see response_wire.h); a handler's copy of those is dropped.
struct Response {
  int status = 200;
  std::string content_type = "application/json";  // "" sends no Content-Type
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// `status` with `value` serialized as the body.
Response JsonResponse(int status, const boost::json::value& value);

// `status` with the Grafana error shape {"message": message}.
Response ErrorResponse(int status, std::string_view message);

// `status` with a text body, e.g. Prometheus exposition format.
Response TextResponse(int status, std::string body,
                      std::string content_type = "text/plain; charset=utf-8");

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_RESPONSE_H_
