#ifndef KEYLEDGER_HTTP_REQUEST_H_
#define KEYLEDGER_HTTP_REQUEST_H_

#include <map>
#include <string>
#include <string_view>

namespace keyledger::http {

// Orders header names case-insensitively (ASCII), as HTTP field names are.
struct CaseInsensitiveLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const;
};

// Whether two header names are equal, ignoring ASCII case.
bool EqualsNoCase(std::string_view a, std::string_view b);

using HeaderMap = std::map<std::string, std::string, CaseInsensitiveLess>;
using QueryParams = std::multimap<std::string, std::string>;

// One HTTP request as handlers see it: plain data, no Beast types. The server
// fills every field; tests may build one with MakeRequest().
struct Request {
  std::string method;          // "GET", "POST", ... as sent (case-sensitive)
  std::string target;          // raw request target, e.g. "/api/x?a=1"
  std::string path;            // percent-decoded path, without the query
  QueryParams query;           // percent-decoded; '+' is a space
  HeaderMap headers;           // repeated fields are joined with ", "
  std::string body;            // at most ServerSettings::body_limit bytes
  std::string client_address;  // peer IP address, e.g. "127.0.0.1"
  std::string request_id;      // also sent back as X-Request-Id
  // Whether this request's authentication is counted in the metrics yet: a
  // request that an I/O thread authenticated and then declined is
  // authenticated again on a handler thread, and is counted once.
  mutable bool auth_counted = false;

  // Returns the header's value, or "" when absent.
  std::string_view Header(std::string_view name) const;
  // Returns the first value of a query parameter, or "" when absent.
  std::string_view QueryValue(std::string_view name) const;
  bool HasQuery(std::string_view name) const {
    return query.contains(std::string(name));
  }
};

// Splits an origin-form target ("/path?query") into `path` and `query` of
// `request`. Returns false (and leaves them unspecified) when the target is
// not a valid origin-form URI reference, e.g. "http://x/" or "/a b".
[[nodiscard]] bool ParseTarget(std::string_view target, Request& request);

// Builds a request for tests and fuzzers. REQUIRES: `target` is valid
// origin-form; throws std::invalid_argument otherwise.
Request MakeRequest(std::string method, std::string_view target,
                    std::string body = {}, HeaderMap headers = {});

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_REQUEST_H_
