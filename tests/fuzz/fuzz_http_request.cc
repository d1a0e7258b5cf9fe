// Fuzz target: whole HTTP requests through the router. The input is a request
// in wire-like form:
//
//   METHOD SP TARGET LF (NAME ":" VALUE LF)* LF BODY
//
// The target goes through ParseTarget (as the server does); a valid one is
// dispatched by the real Router and Api over a temp ledger
// (tests/fuzz/api_harness.h), which checks: no 5xx, errors carry a JSON
// {"message"}, a 4xx writes nothing. A request without an Authorization
// header is sent with the Admin key unless it has an "X-Anonymous" header.
// Placeholders in the text are replaced by live values: $SA (a service
// account id), $TOK (its token id), $KEY (a legacy key id), $ADMIN (the
// Admin key), $TOKEN (the token), $EDITOR (an Editor key), $ORGB, $USER.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tests/fuzz/api_harness.h"

namespace {

void ReplaceAll(std::string& text, std::string_view from,
                const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

std::string_view NextLine(std::string_view& rest) {
  const size_t end = rest.find('\n');
  std::string_view line = rest.substr(0, end);
  rest =
      end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using keyledger::fuzz::ApiHarness;
  namespace http = keyledger::http;
  if (size > 64 * 1024) return 0;
  ApiHarness& h = ApiHarness::Get();
  std::string text(reinterpret_cast<const char*>(data), size);
  // Longest placeholders first ($TOKEN before $TOK).
  ReplaceAll(text, "$TOKEN", h.token);
  ReplaceAll(text, "$TOK", std::to_string(h.token_id));
  ReplaceAll(text, "$SA", std::to_string(h.service_account));
  ReplaceAll(text, "$KEY", std::to_string(h.legacy_key_id));
  ReplaceAll(text, "$ADMIN", h.admin_key);
  ReplaceAll(text, "$EDITOR", h.editor_key);
  ReplaceAll(text, "$ORGB", std::to_string(h.org_b));
  ReplaceAll(text, "$USER", std::to_string(h.user_id));

  std::string_view rest = text;
  const std::string_view first = NextLine(rest);
  const size_t space = first.find(' ');
  if (space == std::string_view::npos) return 0;
  http::Request request;
  request.method = std::string(first.substr(0, space));
  request.target = std::string(first.substr(space + 1));
  if (!http::ParseTarget(request.target, request)) return 0;
  while (!rest.empty()) {
    const std::string_view line = NextLine(rest);
    if (line.empty()) break;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    std::string name(line.substr(0, colon));
    auto [it, inserted] = request.headers.emplace(name, std::string(value));
    if (!inserted) it->second += ", " + std::string(value);
  }
  request.body = std::string(rest);
  request.client_address = "127.0.0.1";
  request.request_id = "fuzz";
  if (!request.headers.contains("Authorization") &&
      !request.headers.contains("X-Anonymous")) {
    request.headers.emplace("Authorization", "Bearer " + h.admin_key);
  }
  h.DispatchChecked(request);
  return 0;
}
