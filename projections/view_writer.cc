#include "projections/view_writer.h"

#include <rocksdb/write_batch.h>

#include <algorithm>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "domain/audit_target.h"
#include "eventstore/column_families.h"
#include "eventstore/event_store.h"
#include "projections/row_codec.h"
#include "projections/row_kinds.h"
#include "projections/touched.h"
#include "projections/view_keys.h"
#include "views.pb.h"

namespace keyledger::projections {
namespace {

namespace cf = eventstore::cf;
using namespace rows;  // NOLINT: the row tables and their record types

// The record of `key` in `map`, in place; null if absent.
template <typename Map, typename Key>
const typename Map::mapped_type* FindIn(const Map& map, const Key& key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

// A copy of it (a before-image, kept while the state changes).
template <typename Map, typename Key>
auto Find(const Map& map, const Key& key)
    -> std::optional<typename Map::mapped_type> {
  if (const auto* record = FindIn(map, key)) return *record;
  return std::nullopt;
}

// The before-images of everything an event touches.
struct BeforeImages {
  std::map<int64_t, std::optional<domain::KeyRecord>> keys;
  std::map<int64_t, std::optional<domain::ServiceAccountRecord>> accounts;
};

BeforeImages Capture(const domain::State& state, const Touched& touched) {
  BeforeImages images;
  for (int64_t id : touched.keys) images.keys[id] = Find(state.keys, id);
  for (int64_t id : touched.service_accounts) {
    images.accounts[id] = Find(state.service_accounts, id);
  }
  return images;
}

template <typename Record>
void Put(rocksdb::ColumnFamilyHandle* family, const RowKind<Record>& kind,
         const Record& record, rocksdb::WriteBatch& batch) {
  batch.Put(family, kind.key(record), kind.value(record));
}

// Turns the rows of `old` into those of `now` (either may be null: created,
// deleted) of the same record id. An unchanged record writes nothing; of a
// changed one, the rows whose key stays and whose value is the id are not
// written, and a row whose key stays is overwritten, not deleted first: a
// token's creation rewrites its account's id row only (token count), a key
// use the key's id row, each batch entry being a memtable insert on the
// writer thread.
template <typename Record, size_t N>
void ReplaceRows(rocksdb::ColumnFamilyHandle* family,
                 const RowKind<Record> (&kinds)[N], const Record* old,
                 const Record* now, rocksdb::WriteBatch& batch) {
  if (old && now && *old == *now) return;
  for (const RowKind<Record>& kind : kinds) {
    std::string key = now ? kind.key(*now) : std::string();
    std::string old_key = old ? kind.key(*old) : std::string();
    if (old && (!now || old_key != key)) batch.Delete(family, old_key);
    if (!now) continue;
    if (old && old_key == key && !kind.holds_record) continue;
    batch.Put(family, key, kind.value(*now));
  }
}

}  // namespace

ViewWriter::ViewWriter(const eventstore::EventStore& store)
    : keys_(store.column_family(std::string(cf::kViewKeys))),
      service_accounts_(store.column_family(std::string(cf::kViewServiceAccounts))),
      identity_(store.column_family(std::string(cf::kViewIdentity))),
      audit_(store.column_family(std::string(cf::kViewAudit))),
      audit_by_org_(store.column_family(std::string(cf::kViewAuditByOrg))),
      checkpoints_(store.column_family(std::string(cf::kCheckpoints))) {}

void ViewWriter::Apply(domain::State& state,
                       const eventstore::RecordedEvent& recorded,
                       const domain::Event& event, ViewSet views,
                       rocksdb::WriteBatch& batch,
                       const EvolveFn& evolve) const {
  if (views.Has(View::kAudit)) PutAudit(state, recorded, event, batch);
  const Touched touched = TouchedBy(event);
  const BeforeImages before = Capture(state, touched);
  if (evolve) {
    evolve(state, event);
  } else {
    domain::Evolve(state, event);
  }
  if (views.Has(View::kKeys)) {
    for (const auto& [id, old] : before.keys) {
      ReplaceRows(keys_, kKeyRows, old ? &*old : nullptr,
                  FindIn(state.keys, id), batch);
    }
  }
  if (views.Has(View::kServiceAccounts)) {
    for (const auto& [id, old] : before.accounts) {
      ReplaceRows(service_accounts_, kServiceAccountRows,
                  old ? &*old : nullptr, FindIn(state.service_accounts, id),
                  batch);
    }
  }
  if (views.Has(View::kIdentity)) {
    for (int64_t id : touched.orgs) {
      if (const auto* org = FindIn(state.orgs, id)) {
        Put(identity_, kOrgRow, *org, batch);
      }
    }
    for (int64_t id : touched.users) {
      if (const auto* user = FindIn(state.users, id)) {
        Put(identity_, kUserRow, *user, batch);
      }
    }
  }
}

void ViewWriter::PutGroupRows(const domain::State& state, uint64_t position,
                              ViewSet views, rocksdb::WriteBatch& batch) const {
  if (views.Has(View::kIdentity)) {
    batch.Put(identity_, kCountersKey, SerializeCounters(state));
  }
  PutCheckpoints(position, views, batch);
}

void ViewWriter::PutCheckpoints(uint64_t position, ViewSet views,
                                rocksdb::WriteBatch& batch) const {
  ForEachCheckpointRow(position, views,
                       [&](std::string_view key, std::string_view value) {
                         batch.Put(checkpoints_, key, value);
                       });
}

void ViewWriter::PutAudit(const domain::State& before,
                          const eventstore::RecordedEvent& recorded,
                          const domain::Event& event,
                          rocksdb::WriteBatch& batch) const {
  batch.Put(audit_, EncodeU64(recorded.position),
            SerializeAuditRow(recorded.position, recorded.recorded_at_ms,
                              recorded.metadata, event,
                              domain::TargetOf(before, event)));
  batch.Put(audit_by_org_,
            AuditByOrgKey(domain::OrgOf(event), recorded.position), "");
}

std::string SerializeAuditRow(uint64_t position, int64_t recorded_at_ms,
                              const eventstore::EventMetadata& metadata,
                              const domain::Event& event,
                              const domain::AuditTarget& target) {
  // One message per thread, cleared and refilled: it keeps its strings'
  // buffers, where a fresh one would allocate a dozen (rebuilds serialize
  // millions of rows). Cleared fields serialize as if never set.
  thread_local views::v1::AuditRow row;
  row.Clear();
  row.set_position(position);
  row.set_time_ms(recorded_at_ms);
  row.set_org_id(domain::OrgOf(event));
  row.set_actor_kind(metadata.actor_kind);
  row.set_actor_id(metadata.actor_id);
  row.set_actor_login(metadata.actor_login);
  const std::string_view action = domain::EventName(event);
  row.set_action(action.data(), action.size());
  row.set_target_kind(target.kind);
  row.set_target_id(target.id);
  row.set_target_name(target.name);
  row.set_outcome("success");
  row.set_request_id(metadata.request_id);
  row.set_client_address(metadata.client_address);
  return row.SerializeAsString();
}


void ForEachCheckpointRow(uint64_t position, ViewSet views, const RowFn& row) {
  std::vector<std::string_view> names;
  for (View view : kAllViews) {
    if (views.Has(view)) names.push_back(ViewName(view));
  }
  std::sort(names.begin(), names.end());
  const std::string value = EncodeU64(position);
  for (std::string_view name : names) row(name, value);
}

}  // namespace keyledger::projections
