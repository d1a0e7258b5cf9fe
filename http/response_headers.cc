#include "http/response_headers.h"

#include <algorithm>
#include <random>

#include "http/request.h"

namespace keyledger::http {

bool IsSaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '.' || c == '_' || c == ':' ||
           c == '-';
  });
}

std::string NewRequestId() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t bits = engine();
  std::string id(16, '0');
  for (char& c : id) {
    c = kHex[bits & 0xf];
    bits >>= 4;
  }
  return id;
}

void AddStandardHeaders(std::string_view path, std::string_view request_id,
                        Response& response) {
  bool is_api = path == "/api" || path.starts_with("/api/");
  auto& headers = response.headers;
  std::erase_if(headers, [&](const auto& header) {
    return EqualsNoCase(header.first, "X-Content-Type-Options") ||
           EqualsNoCase(header.first, "X-Frame-Options") ||
           EqualsNoCase(header.first, "X-Request-Id") ||
           (is_api && EqualsNoCase(header.first, "Cache-Control"));
  });
  headers.reserve(headers.size() + 4);
  headers.emplace_back("X-Content-Type-Options", "nosniff");
  headers.emplace_back("X-Frame-Options", "DENY");
  headers.emplace_back("X-Request-Id", std::string(request_id));
  if (is_api) headers.emplace_back("Cache-Control", "no-store");
}

}  // namespace keyledger::http
