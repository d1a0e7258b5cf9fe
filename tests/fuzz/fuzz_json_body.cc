// Fuzz target: JSON request bodies -> commands. Byte 0 picks a route that
// takes a body (and who sends it), byte 1 the Content-Type, the rest is the
// body. Each request goes through the real Router and Api over a temp ledger
// (tests/fuzz/api_harness.h), which checks: no 5xx, errors carry a JSON
// {"message"}, a 4xx writes nothing.

#include <cstddef>
#include <cstdint>
#include <string>

#include "tests/fuzz/api_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using keyledger::fuzz::ApiHarness;
  namespace http = keyledger::http;
  if (size < 2) return 0;
  ApiHarness& h = ApiHarness::Get();
  const std::string sa =
      "/api/serviceaccounts/" + std::to_string(h.service_account);
  struct Route {
    const char* method;
    std::string target;
    bool server_admin;  // needs the server admin (Basic, slow hash)
  };
  const Route routes[] = {
      {"POST", "/api/auth/keys", false},
      {"POST", "/api/serviceaccounts", false},
      {"PATCH", sa, false},
      {"POST", sa + "/tokens", false},
      {"POST",
       "/api/serviceaccounts/migrate/" + std::to_string(h.legacy_key_id),
       false},
      {"POST", "/api/orgs/1/users", false},
      {"PATCH", "/api/orgs/1/users/" + std::to_string(h.user_id), false},
      {"POST", "/api/orgs", true},
      {"POST", "/api/admin/users", true},
      {"POST", sa + "/tokens/" + std::to_string(h.token_id) + "/revoke", false},
  };
  const Route& route = routes[data[0] % std::size(routes)];
  const char* content_types[] = {"application/json", "", "text/plain",
                                 "application/json; charset=utf-8",
                                 "application/merge-patch+json"};
  http::HeaderMap headers;
  const char* content_type = content_types[data[1] % std::size(content_types)];
  if (*content_type != '\0') headers.emplace("Content-Type", content_type);
  // Admin routes of org 1 as the Admin key; server-admin routes as the admin.
  headers.emplace("Authorization",
                  route.server_admin ? h.admin_basic : "Bearer " + h.admin_key);
  if (data[0] & 0x80) headers.emplace("X-Grafana-Org-Id", "1");
  std::string body(reinterpret_cast<const char*>(data + 2), size - 2);
  h.DispatchChecked(http::MakeRequest(route.method, route.target,
                                      std::move(body), std::move(headers)));
  return 0;
}
