#include "http/audit_handlers.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "domain/authorize.h"
#include "http/error_status.h"
#include "http/request_context.h"
#include "domain/time_text.h"
#include "projections/audit_query.h"
#include "projections/ledger.h"

namespace keyledger::http {
namespace {

using domain::ErrorCode;
using domain::MakeError;

constexpr std::string_view kBadRequest = "bad request data";
constexpr int64_t kDefaultPerPage = 100;

domain::Error BadRequest(std::string_view what) {
  return MakeError(ErrorCode::kInvalidArgument,
                   std::string(kBadRequest) + ": " + std::string(what));
}

// ?from / ?to as Unix milliseconds; absent or empty -> nullopt.
domain::Result<std::optional<int64_t>> TimeParam(const Request& request,
                                                 std::string_view name) {
  std::string_view text = request.QueryValue(name);
  if (text.empty()) return std::optional<int64_t>();
  std::optional<int64_t> ms = domain::ParseTimeMs(text);
  if (!ms) {
    return BadRequest(std::string(name) +
                      " must be Unix seconds or an RFC 3339 time");
  }
  return ms;
}

// Paging and the time range of the query.
domain::Result<void> ParsePaging(const Request& request,
                                 projections::AuditQuery& query) {
  auto page = QueryInt(request, "page", 1);
  if (!page) return page.error();
  auto per_page = QueryInt(request, "perpage", kDefaultPerPage);
  if (!per_page) return per_page.error();
  if (*page < 1) return BadRequest("page must be at least 1");
  if (*per_page < 1 || *per_page > projections::kMaxAuditPerPage) {
    return BadRequest("perpage must be between 1 and " +
                      std::to_string(projections::kMaxAuditPerPage));
  }
  auto from = TimeParam(request, "from");
  if (!from) return from.error();
  auto to = TimeParam(request, "to");
  if (!to) return to.error();
  if (*from && *to && **from > **to) return BadRequest("from is after to");
  query.page = *page;
  query.per_page = *per_page;
  query.from_ms = *from;
  query.to_ms = *to;
  return {};
}

// The org filter for `principal` (see audit_handlers.h).
domain::Result<std::optional<int64_t>> OrgScope(const Principal& principal,
                                                const Request& request) {
  std::optional<int64_t> asked;
  if (!request.QueryValue("orgId").empty()) {
    auto org = ParseId(request.QueryValue("orgId"), "orgId is invalid");
    if (!org) return org.error();
    asked = *org;
  }
  if (principal.server_admin) return asked;
  if (asked && *asked != principal.org_id) {
    return MakeError(ErrorCode::kPermissionDenied,
                     "Access denied to the requested organization");
  }
  return std::optional<int64_t>(principal.org_id);
}

boost::json::object EntryJson(const projections::AuditEntry& e) {
  return boost::json::object{
      {"id", e.position},
      {"time", domain::FormatTimeMs(e.time_ms)},
      {"orgId", e.org_id},
      {"actor", boost::json::object{{"kind", e.actor_kind},
                                    {"id", e.actor_id},
                                    {"login", e.actor_login}}},
      {"action", e.action},
      {"target", boost::json::object{{"kind", e.target_kind},
                                     {"id", e.target_id},
                                     {"name", e.target_name}}},
      {"outcome", e.outcome},
      {"requestId", e.request_id},
      {"clientAddress", e.client_address}};
}

Response Search(const ApiDeps& deps, const Request& request) {
  auto principal = AuthorizedFor(deps, request, domain::Permission::kAuditRead);
  if (!principal) return ErrorToResponse(principal.error());
  projections::AuditQuery query;
  if (auto paging = ParsePaging(request, query); !paging) {
    return ErrorToResponse(paging.error());
  }
  auto org = OrgScope(*principal, request);
  if (!org) return ErrorToResponse(org.error());
  query.org_id = *org;
  query.actor = request.QueryValue("actor");
  query.target = request.QueryValue("target");
  query.action = request.QueryValue("action");
  auto page = projections::SearchAudit(deps.ledger.store(), query);
  if (!page) return ErrorToResponse(page.error());
  boost::json::array entries;
  for (const projections::AuditEntry& entry : page->entries) {
    entries.push_back(EntryJson(entry));
  }
  return JsonResponse(200,
                      boost::json::object{{"totalCount", page->total_count},
                                          {"page", query.page},
                                          {"perPage", query.per_page},
                                          {"entries", std::move(entries)}});
}

}  // namespace

void AddAuditRoutes(Router& router, const ApiDeps& deps) {
  router.Add("GET", "/api/audit", [&deps](const Request& r, const PathParams&) {
    return Search(deps, r);
  });
}

}  // namespace keyledger::http
