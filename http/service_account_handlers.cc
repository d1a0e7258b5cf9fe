// Service accounts: search, create, get, update, delete (reference §3.3).

#include <algorithm>
#include <boost/json/array.hpp>
#include <cctype>

#include "http/api_routes.h"
#include "http/command_runner.h"
#include "http/error_status.h"
#include "http/json_dto.h"
#include "http/request_context.h"
#include "http/write_route.h"

namespace keyledger::http {
namespace {

constexpr std::string_view kBadRequest = "Bad request data";
constexpr std::string_view kBadId = "Service Account ID is invalid";
constexpr int64_t kMaxPerPage = 1000;

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

struct SearchFilter {
  int64_t org = 0;
  std::string query;  // lowercased
  bool disabled = false;
  bool expired_tokens = false;
  int64_t now = 0;
};

bool HasExpiredToken(const domain::State& state, int64_t sa_id, int64_t now) {
  for (const domain::KeyRecord* key : state.token_by_sa_name.Of(sa_id)) {
    if (key->expires && *key->expires < now) return true;
  }
  return false;
}

// Grafana's precedence: `disabled` beats `expiredTokens`.
bool Matches(const domain::State& state, const domain::ServiceAccountRecord& sa,
             const SearchFilter& filter) {
  if (!filter.query.empty() &&
      Lower(sa.name).find(filter.query) == std::string::npos &&
      Lower(sa.login).find(filter.query) == std::string::npos) {
    return false;
  }
  if (filter.disabled) return sa.disabled;
  if (filter.expired_tokens) return HasExpiredToken(state, sa.id, filter.now);
  return true;
}

// (page, perpage): page < 1 -> 1; perpage <= 0 -> 1000; capped at 1000.
domain::Result<std::pair<int64_t, int64_t>> ParsePaging(const Request& request) {
  auto per_page = QueryInt(request, "perpage", kMaxPerPage);
  if (!per_page) return per_page.error();
  auto page = QueryInt(request, "page", 1);
  if (!page) return page.error();
  const int64_t size =
      *per_page <= 0 ? kMaxPerPage : std::min(*per_page, kMaxPerPage);
  return std::pair<int64_t, int64_t>(std::max<int64_t>(*page, 1), size);
}

Response Search(const ApiDeps& deps, const Request& request) {
  auto principal =
      AuthorizedFor(deps, request, domain::Permission::kServiceAccountsRead);
  if (!principal) return ErrorToResponse(principal.error());
  auto paging = ParsePaging(request);
  if (!paging) return ErrorToResponse(paging.error());
  auto disabled = QueryBool(request, "disabled", false);
  if (!disabled) return ErrorToResponse(disabled.error());
  auto expired = QueryBool(request, "expiredTokens", false);
  if (!expired) return ErrorToResponse(expired.error());
  const int64_t size = paging->second;
  const int64_t number = paging->first;
  SearchFilter filter{principal->org_id, Lower(request.QueryValue("query")),
                      *disabled, *expired, deps.ledger.Now()};
  boost::json::object result = deps.ledger.Read([&](const domain::State& s) {
    boost::json::array items;
    int64_t total = 0;
    const int64_t first = (number - 1) > INT64_MAX / size ? INT64_MAX
                                                          : (number - 1) * size;
    for (const domain::ServiceAccountRecord* account :
         s.sa_by_org_login.Of(filter.org)) {
      const domain::ServiceAccountRecord& sa = *account;
      if (!Matches(s, sa, filter)) continue;
      if (total >= first && total - first < size) {
        items.emplace_back(ServiceAccountDto(sa));
      }
      ++total;
    }
    return boost::json::object{{"totalCount", total},
                               {"serviceAccounts", std::move(items)},
                               {"page", number},
                               {"perPage", size}};
  });
  return JsonResponse(200, result);
}

domain::ServiceAccountRecord RecordOf(const domain::ServiceAccountCreated& e) {
  return domain::ServiceAccountRecord{e.service_account_id, e.org_id, e.name,
                                      e.login, e.role, e.disabled, e.created,
                                      e.created, 0};
}

// The optional fields of a create or update body.
struct Fields {
  std::optional<std::string> name;
  std::optional<std::string> role;
  std::optional<bool> disabled;
};

domain::Result<Fields> ParseFields(const Request& request) {
  auto body = ParseJsonObject(request, kBadRequest);
  if (!body) return body.error();
  auto name = OptionalString(*body, "name", kBadRequest);
  if (!name) return name.error();
  auto role = OptionalString(*body, "role", kBadRequest);
  if (!role) return role.error();
  auto disabled = OptionalBool(*body, "isDisabled", kBadRequest);
  if (!disabled) return disabled.error();
  return Fields{std::move(*name), std::move(*role), *disabled};
}

InlineResult Create(const WriteCall& call, const PathParams&) {
  auto principal = call.Authorized(domain::Permission::kServiceAccountsWrite);
  if (!principal) return InlineStep::kDeclined;
  if (!*principal) return ErrorToResponse(principal->error());
  auto fields = ParseFields(call.request());
  if (!fields) return ErrorToResponse(fields.error());
  domain::CreateServiceAccount command{(*principal)->org_id,
                                       fields->name.value_or(""), fields->role,
                                       fields->disabled};
  auto success = [](const projections::Outcome& outcome) {
    const auto* created = FirstEvent<domain::ServiceAccountCreated>(outcome);
    if (created == nullptr) return ErrorResponse(500, "Failed to create service account");
    return JsonResponse(201, ServiceAccountDto(RecordOf(*created)));
  };
  auto after_restart = [](const projections::Outcome& outcome) {
    const auto* created = FirstEvent<domain::ServiceAccountCreated>(outcome);
    if (created == nullptr) return ErrorResponse(500, "Failed to create service account");
    return AlreadyCreated("Service account", created->name,
                          created->service_account_id);
  };
  return call.Run(**principal, command, success, after_restart);
}

// The profile of `id` in `org`, or 404.
Response Profile(const ApiDeps& deps, int64_t org, int64_t id) {
  std::optional<domain::ServiceAccountRecord> sa =
      FindServiceAccount(deps.ledger, org, id);
  if (!sa) return ErrorResponse(404, "service account not found");
  return JsonResponse(200, ServiceAccountProfileDto(*sa));
}

Response Get(const ApiDeps& deps, const Request& request,
             const PathParams& params) {
  auto principal =
      AuthorizedFor(deps, request, domain::Permission::kServiceAccountsRead);
  if (!principal) return ErrorToResponse(principal.error());
  auto id = ParseId(params.at("id"), kBadId);
  if (!id) return ErrorToResponse(id.error());
  return Profile(deps, principal->org_id, *id);
}

Response Update(const ApiDeps& deps, const Request& request,
                const PathParams& params) {
  auto principal =
      AuthorizedFor(deps, request, domain::Permission::kServiceAccountsWrite);
  if (!principal) return ErrorToResponse(principal.error());
  auto id = ParseId(params.at("id"), kBadId);
  if (!id) return ErrorToResponse(id.error());
  auto fields = ParseFields(request);
  if (!fields) return ErrorToResponse(fields.error());
  domain::UpdateServiceAccount command{principal->org_id, *id, fields->name,
                                       fields->role, fields->disabled};
  const int64_t org = principal->org_id;
  return RunCommand(deps, *principal, request, command,
                    [&](const projections::Outcome&) {
                      auto sa = FindServiceAccount(deps.ledger, org, *id);
                      if (!sa) {
                        return ErrorResponse(404, "service account not found");
                      }
                      boost::json::object answer{
                          {"message", "Service account updated"},
                          {"id", sa->id},
                          {"name", sa->name},
                          {"serviceaccount", ServiceAccountProfileDto(*sa)}};
                      return JsonResponse(200, answer);
                    });
}

InlineResult Delete(const WriteCall& call, const PathParams& params) {
  auto principal = call.Authorized(domain::Permission::kServiceAccountsWrite);
  if (!principal) return InlineStep::kDeclined;
  if (!*principal) return ErrorToResponse(principal->error());
  auto id = ParseId(params.at("id"), "Service account ID is invalid");
  if (!id) return ErrorToResponse(id.error());
  domain::DeleteServiceAccount command{(*principal)->org_id, *id};
  return call.Run(**principal, command, [](const projections::Outcome&) {
    return SuccessMessage("Service account deleted");
  });
}

}  // namespace

namespace {

// The service account `id` if it is in `org`, else null.
const domain::ServiceAccountRecord* AccountIn(const domain::State& state,
                                              int64_t org, int64_t id) {
  auto it = state.service_accounts.find(id);
  return it == state.service_accounts.end() || it->second.org_id != org
             ? nullptr
             : &it->second;
}

}  // namespace

std::optional<domain::ServiceAccountRecord> FindServiceAccount(
    const projections::Ledger& ledger, int64_t org, int64_t id) {
  return ledger.Read([&](const domain::State& state) {
    const domain::ServiceAccountRecord* sa = AccountIn(state, org, id);
    return sa ? std::optional(*sa) : std::nullopt;
  });
}

std::optional<bool> ServiceAccountExists(const projections::Ledger& ledger,
                                         int64_t org, int64_t id,
                                         bool may_block) {
  auto exists = [&](const domain::State& state) {
    return AccountIn(state, org, id) != nullptr;
  };
  if (may_block) return ledger.ReadLatest(exists);
  return ledger.TryReadLatest(exists);
}

void AddServiceAccountRoutes(Router& router, const ApiDeps& deps) {
  router.Add("GET", "/api/serviceaccounts/search",
             [&deps](const Request& r, const PathParams&) {
               return Search(deps, r);
             });
  AddWriteRoute(router, "POST", "/api/serviceaccounts", deps, &Create);
  router.Add("GET", "/api/serviceaccounts/:id",
             [&deps](const Request& r, const PathParams& p) {
               return Get(deps, r, p);
             });
  router.Add("PATCH", "/api/serviceaccounts/:id",
             [&deps](const Request& r, const PathParams& p) {
               return Update(deps, r, p);
             });
  AddWriteRoute(router, "DELETE", "/api/serviceaccounts/:id", deps, &Delete);
}

}  // namespace keyledger::http
