#include "http/response_wire.h"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/status.hpp>
#include <charconv>
#include <cstring>
#include <string_view>

namespace keyledger::http {
namespace {

// Header names and values from handlers are checked so that no handler bug
// can split a response. (A plain loop: find_first_of with a set calls memchr
// per character.)
bool IsSafeHeader(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    if (c <= 0x20 || c >= 0x7f || c == ':') return false;
  }
  for (char c : value) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

// The headers with fixed values that the server adds: to every response,
// and to those under /api. (X-Request-Id, Connection and Content-Length
// are the server's too.)
struct FixedHeader {
  std::string_view name, value;
};
constexpr FixedHeader kEveryResponse[] = {{"X-Content-Type-Options", "nosniff"},
                                          {"X-Frame-Options", "DENY"}};
constexpr FixedHeader kApiResponse = {"Cache-Control", "no-store"};
constexpr std::string_view kRequestId = "X-Request-Id";

// Headers the server writes itself; a handler's copy is dropped.
bool IsServerOwned(std::string_view name, bool api) {
  using boost::beast::iequals;
  for (std::string_view own :
       {std::string_view("Content-Length"), std::string_view("Transfer-Encoding"),
        std::string_view("Connection"), kRequestId}) {
    if (iequals(name, own)) return true;
  }
  for (const FixedHeader& fixed : kEveryResponse) {
    if (iequals(name, fixed.name)) return true;
  }
  return api && iequals(name, kApiResponse.name);
}

// Writes into storage sized beforehand (no capacity check per piece).
class Cursor {
 public:
  explicit Cursor(char* at) : at_(at) {}
  Cursor& operator<<(std::string_view text) {
    std::memcpy(at_, text.data(), text.size());
    at_ += text.size();
    return *this;
  }
  void Field(std::string_view name, std::string_view value) {
    *this << name << ": " << value << "\r\n";
  }
  char* at() const { return at_; }

 private:
  char* at_;
};

constexpr size_t kFieldExtra = 4;  // ": " and "\r\n"

}  // namespace

void SerializeResponse(Response& response, const WireContext& context,
                       int& status, std::string& out) {
  status = (response.status < 100 || response.status > 599) ? 500
                                                             : response.status;
  const bool bodiless = status < 200 || status == 204 || status == 304;
  if (bodiless) response.body.clear();
  const std::string_view reason = boost::beast::http::obsolete_reason(
      static_cast<boost::beast::http::status>(status));
  char status_text[4];
  std::to_chars(status_text, status_text + 3, status);
  char length_text[24];
  const std::string_view length(
      length_text,
      std::to_chars(length_text, length_text + sizeof length_text,
                    response.body.size())
              .ptr -
          length_text);
  const bool content_type = !response.content_type.empty() && !bodiless;

  // An upper bound of the size: every header counted, dropped ones included.
  size_t bound = 9 + 4 + reason.size() + 2;  // "HTTP/1.1 200 OK\r\n"
  if (content_type) bound += 12 + kFieldExtra + response.content_type.size();
  for (const auto& [name, value] : response.headers)
    bound += name.size() + kFieldExtra + value.size();
  for (const FixedHeader& fixed : kEveryResponse)
    bound += fixed.name.size() + kFieldExtra + fixed.value.size();
  bound += kApiResponse.name.size() + kFieldExtra + kApiResponse.value.size();
  bound += kRequestId.size() + kFieldExtra + context.request_id.size();
  bound += 10 + kFieldExtra + 10;            // Connection: keep-alive
  bound += 14 + kFieldExtra + length.size();  // Content-Length
  bound += 2 + response.body.size();

  const size_t start = out.size();
  out.resize(start + bound);
  Cursor cursor(out.data() + start);
  const unsigned version = context.version;
  const bool keep_alive = context.keep_alive;
  cursor << (version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ")
         << std::string_view(status_text, 3) << " " << reason << "\r\n";
  if (content_type) cursor.Field("Content-Type", response.content_type);
  for (const auto& [name, value] : response.headers) {
    if (IsSafeHeader(name, value) && !IsServerOwned(name, context.api)) {
      cursor.Field(name, value);
    }
  }
  for (const FixedHeader& fixed : kEveryResponse)
    cursor.Field(fixed.name, fixed.value);
  cursor.Field(kRequestId, context.request_id);
  if (context.api) cursor.Field(kApiResponse.name, kApiResponse.value);
  if (version == 10 && keep_alive) cursor.Field("Connection", "keep-alive");
  if (version != 10 && !keep_alive) cursor.Field("Connection", "close");
  if (!bodiless) cursor.Field("Content-Length", length);
  cursor << "\r\n" << response.body;
  out.resize(static_cast<size_t>(cursor.at() - out.data()));
}

}  // namespace keyledger::http
