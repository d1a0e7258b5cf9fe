#include "http/response_wire.h"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/status.hpp>
#include <string_view>

namespace keyledger::http {
namespace {

// Header names and values from handlers are checked so that no handler bug
// can split a response.
bool IsSafeHeader(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    if (c <= 0x20 || c >= 0x7f || c == ':') return false;
  }
  return value.find_first_of(std::string_view("\r\n\0", 3)) ==
         std::string_view::npos;
}

}  // namespace

// The response on the wire, in one buffer (one send, and much cheaper than
// Beast's buffer-sequence serializer). Content-Length and Connection are
// always ours; 1xx/204/304 carry neither body nor Content-Length.
std::string SerializeResponse(Response& response, unsigned version, bool keep_alive,
                      int& status) {
  status = (response.status < 100 || response.status > 599) ? 500
                                                             : response.status;
  const bool bodiless = status < 200 || status == 204 || status == 304;
  if (bodiless) response.body.clear();
  const std::string_view reason =
      boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(status));
  std::string out;
  out.reserve(256 + response.body.size());
  out.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ")
      .append(std::to_string(status))
      .append(" ")
      .append(reason)
      .append("\r\n");
  auto field = [&out](std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append("\r\n");
  };
  if (!response.content_type.empty() && !bodiless) {
    field("Content-Type", response.content_type);
  }
  for (const auto& [name, value] : response.headers) {
    if (!IsSafeHeader(name, value) ||
        boost::beast::iequals(name, "Content-Length") ||
        boost::beast::iequals(name, "Transfer-Encoding") ||
        boost::beast::iequals(name, "Connection")) {
      continue;
    }
    field(name, value);
  }
  if (version == 10 && keep_alive) field("Connection", "keep-alive");
  if (version != 10 && !keep_alive) field("Connection", "close");
  if (!bodiless) field("Content-Length", std::to_string(response.body.size()));
  out.append("\r\n").append(response.body);
  return out;
}

}  // namespace keyledger::http
