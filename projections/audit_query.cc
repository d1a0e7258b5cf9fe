#include "projections/audit_query.h"

#include <rocksdb/db.h>

#include <limits>
#include <memory>
#include <string_view>

#include "eventstore/column_families.h"
#include "eventstore/event_store.h"
#include "eventstore/key_encoding.h"
#include "projections/view_keys.h"
#include "views.pb.h"

namespace keyledger::projections {
namespace {

namespace cf = eventstore::cf;
using domain::Error;
using domain::ErrorCode;
using domain::Result;

bool HasRowFilter(const AuditQuery& q) {
  return !q.actor.empty() || !q.target.empty() || !q.action.empty() ||
         q.from_ms.has_value() || q.to_ms.has_value();
}

std::optional<AuditEntry> ParseEntry(std::string_view bytes) {
  views::v1::AuditRow row;
  if (!row.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return std::nullopt;
  }
  return AuditEntry{row.position(),      row.time_ms(),     row.org_id(),
                    row.actor_kind(),    row.actor_id(),    row.actor_login(),
                    row.action(),        row.target_kind(), row.target_id(),
                    row.target_name(),   row.outcome(),     row.request_id(),
                    row.client_address()};
}

// "kind:id" of a filter, e.g. "api-key:3".
bool IsKindId(std::string_view filter, std::string_view kind, int64_t id) {
  return filter.size() > kind.size() && filter.starts_with(kind) &&
         filter[kind.size()] == ':' &&
         filter.substr(kind.size() + 1) == std::to_string(id);
}

Error ReadError(const rocksdb::Status& status) {
  return Error{ErrorCode::kUnavailable,
               "reading the audit view: " + status.ToString()};
}

// Offered the rows newest first; keeps the count of matches and the matches
// that fall on the requested page.
class PageCollector {
 public:
  explicit PageCollector(const AuditQuery& query)
      : query_(query), filtered_(HasRowFilter(query)) {
    const auto page = static_cast<uint64_t>(query.page - 1);
    const auto size = static_cast<uint64_t>(query.per_page);
    first_ = page > std::numeric_limits<uint64_t>::max() / size
                 ? std::numeric_limits<uint64_t>::max()
                 : page * size;
    end_ = first_ > std::numeric_limits<uint64_t>::max() - size
               ? std::numeric_limits<uint64_t>::max()
               : first_ + size;
  }

  // `load()` returns Result<std::string>: the bytes of the offered row. It is
  // called only when the row must be looked at.
  template <typename Load>
  Result<void> Offer(Load&& load) {
    const bool on_page = matched_ >= first_ && matched_ < end_;
    if (!filtered_ && !on_page) {
      ++matched_;
      return {};
    }
    Result<std::string> bytes = load();
    if (!bytes) return bytes.error();
    std::optional<AuditEntry> entry = ParseEntry(*bytes);
    if (!entry)
      return Error{ErrorCode::kInternal, "an audit row does not parse"};
    if (filtered_ && !MatchesAudit(*entry, query_)) return {};
    if (on_page) page_.entries.push_back(std::move(*entry));
    ++matched_;
    return {};
  }

  AuditPage Take() {
    page_.total_count = static_cast<int64_t>(matched_);
    return std::move(page_);
  }

 private:
  const AuditQuery& query_;
  const bool filtered_;
  uint64_t first_ = 0;
  uint64_t end_ = 0;
  uint64_t matched_ = 0;
  AuditPage page_;
};

Result<void> ScanAll(const eventstore::EventStore& store,
                     const rocksdb::ReadOptions& options,
                     PageCollector& collector) {
  std::unique_ptr<rocksdb::Iterator> it(store.db().NewIterator(
      options, store.column_family(std::string(cf::kViewAudit))));
  for (it->SeekToLast(); it->Valid(); it->Prev()) {
    Result<void> offered = collector.Offer(
        [&]() -> Result<std::string> { return it->value().ToString(); });
    if (!offered) return offered;
  }
  if (!it->status().ok()) return ReadError(it->status());
  return {};
}

Result<std::string> GetRow(const eventstore::EventStore& store,
                           const rocksdb::ReadOptions& options,
                           std::string_view position_key) {
  std::string value;
  const rocksdb::Status status = store.db().Get(
      options, store.column_family(std::string(cf::kViewAudit)),
      rocksdb::Slice(position_key.data(), position_key.size()), &value);
  if (status.IsNotFound()) {
    return Error{ErrorCode::kInternal, "the audit index names a missing row"};
  }
  if (!status.ok()) return ReadError(status);
  return value;
}

Result<void> ScanOrg(const eventstore::EventStore& store,
                     rocksdb::ReadOptions options, int64_t org_id,
                     PageCollector& collector) {
  const std::string lower = EncodeU64(static_cast<uint64_t>(org_id));
  const std::string upper = EncodeU64(static_cast<uint64_t>(org_id) + 1);
  const rocksdb::Slice lower_slice(lower);
  const rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions bounded = options;
  bounded.iterate_lower_bound = &lower_slice;
  bounded.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(store.db().NewIterator(
      bounded, store.column_family(std::string(cf::kViewAuditByOrg))));
  for (it->SeekToLast(); it->Valid(); it->Prev()) {
    const std::string_view key = it->key().ToStringView();
    if (key.size() != 2 * eventstore::kU64Size) {
      return Error{ErrorCode::kInternal, "a malformed audit index key"};
    }
    Result<void> offered = collector.Offer([&] {
      return GetRow(store, options, key.substr(eventstore::kU64Size));
    });
    if (!offered) return offered;
  }
  if (!it->status().ok()) return ReadError(it->status());
  return {};
}

}  // namespace

bool MatchesAudit(const AuditEntry& entry, const AuditQuery& query) {
  if (!query.actor.empty() && query.actor != entry.actor_login &&
      !IsKindId(query.actor, entry.actor_kind, entry.actor_id)) {
    return false;
  }
  if (!query.target.empty() && query.target != entry.target_name &&
      !IsKindId(query.target, entry.target_kind, entry.target_id)) {
    return false;
  }
  if (!query.action.empty() && query.action != entry.action) return false;
  if (query.from_ms && entry.time_ms < *query.from_ms) return false;
  if (query.to_ms && entry.time_ms > *query.to_ms) return false;
  return true;
}

Result<AuditPage> SearchAudit(const eventstore::EventStore& store,
                              const AuditQuery& query) {
  if (query.page < 1) {
    return Error{ErrorCode::kInvalidArgument, "page must be at least 1"};
  }
  if (query.per_page < 1 || query.per_page > kMaxAuditPerPage) {
    return Error{
        ErrorCode::kInvalidArgument,
        "perpage must be between 1 and " + std::to_string(kMaxAuditPerPage)};
  }
  PageCollector collector(query);
  if (query.org_id && *query.org_id < 0) return collector.Take();
  rocksdb::ManagedSnapshot snapshot(&store.db());
  rocksdb::ReadOptions options;
  options.snapshot = snapshot.snapshot();
  Result<void> scanned = query.org_id
                             ? ScanOrg(store, options, *query.org_id, collector)
                             : ScanAll(store, options, collector);
  if (!scanned) return scanned.error();
  return collector.Take();
}

}  // namespace keyledger::projections
