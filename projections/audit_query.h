#ifndef KEYLEDGER_PROJECTIONS_AUDIT_QUERY_H_
#define KEYLEDGER_PROJECTIONS_AUDIT_QUERY_H_

// Searches the audit view (view_audit, view_audit_by_org; grammar in
// view_keys.h): one entry per event, newest first.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"

namespace keyledger::eventstore {
class EventStore;
}

namespace keyledger::projections {

inline constexpr int64_t kMaxAuditPerPage = 1000;

// Every filter is optional: an empty string or nullopt matches everything.
struct AuditQuery {
  std::optional<int64_t> org_id;  // entries of this org only (0 = org-less)
  std::string actor;   // "kind:id" (e.g. "user:1") or the actor's login
  std::string target;  // "kind:id" (e.g. "api-key:3") or the target's name
  std::string action;  // the event type name, exactly (e.g. "ApiKeyCreated")
  std::optional<int64_t> from_ms;  // time_ms >= from_ms
  std::optional<int64_t> to_ms;    // time_ms <= to_ms
  int64_t page = 1;                // 1-based
  int64_t per_page = 100;          // 1..kMaxAuditPerPage
};

// One audit row (views.proto AuditRow) as plain data.
struct AuditEntry {
  uint64_t position = 0;
  int64_t time_ms = 0;
  int64_t org_id = 0;
  std::string actor_kind;
  int64_t actor_id = 0;
  std::string actor_login;
  std::string action;
  std::string target_kind;
  int64_t target_id = 0;
  std::string target_name;
  std::string outcome;
  std::string request_id;
  std::string client_address;
  bool operator==(const AuditEntry&) const = default;
};

struct AuditPage {
  int64_t total_count = 0;  // matching entries on all pages
  std::vector<AuditEntry>
      entries;  // this page, newest (highest position) first
};

// The page of entries matching `query`, read from one consistent snapshot.
// Cost: one pass over the org's (or all) audit rows, since total_count counts
// every match; rows are parsed only when a row filter is set or they fall on
// the page. Errors: kInvalidArgument (page < 1, per_page outside
// 1..kMaxAuditPerPage), kUnavailable (read failure), kInternal (a row that
// does not parse). Thread-safe.
[[nodiscard]] domain::Result<AuditPage> SearchAudit(
    const eventstore::EventStore& store, const AuditQuery& query);

// True when `entry` passes the actor, target, action and time filters of
// `query` (not the org filter, nor paging).
bool MatchesAudit(const AuditEntry& entry, const AuditQuery& query);

}  // namespace keyledger::projections

#endif  // KEYLEDGER_PROJECTIONS_AUDIT_QUERY_H_
