#include "projections/view_writer.h"

#include <rocksdb/write_batch.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "domain/audit_target.h"
#include "eventstore/column_families.h"
#include "eventstore/event_store.h"
#include "projections/row_codec.h"
#include "projections/touched.h"
#include "projections/view_keys.h"
#include "views.pb.h"

namespace keyledger::projections {
namespace {

namespace cf = eventstore::cf;
using domain::KeyRecord;
using domain::OrgRecord;
using domain::ServiceAccountRecord;
using domain::UserRecord;

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

// ---- the rows of each record (grammar in view_keys.h) ----
//
// Apply and StateRowParts both take rows from these tables, which keeps
// rebuilt views byte for byte equal to incrementally maintained ones.

// One row that every record of a kind has, e.g. a key's 'h' row.
template <typename Record>
struct RowKind {
  void (*append_key)(const Record&, std::string& key);
  std::string (*value)(const Record&);
  bool holds_record = false;  // the value is the record (else its id)

  std::string key(const Record& r) const {
    std::string key;
    append_key(r, key);
    return key;
  }
  // The key in `buffer`, whose memory serves from one row to the next.
  const std::string& KeyIn(const Record& r, std::string& buffer) const {
    buffer.clear();
    append_key(r, buffer);
    return buffer;
  }
};

template <typename Record>
std::string IdValue(const Record& r) {
  return EncodeU64(static_cast<uint64_t>(r.id));
}

// A key's rows: by hash, by id, and by org and name.
constexpr RowKind<KeyRecord> kKeyHashRow = {
    [](const KeyRecord& r, std::string& key) {
      key.push_back('h');
      r.hash.hex.AppendTo(key);
    },
    &IdValue<KeyRecord>};
constexpr RowKind<KeyRecord> kKeyIdRow = {
    [](const KeyRecord& r, std::string& key) {
      AppendTaggedIdKey(key, 'i', r.id);
    },
    &SerializeKey, true};
constexpr RowKind<KeyRecord> kKeyNameRow = {
    [](const KeyRecord& r, std::string& key) {
      AppendTaggedOrgNameKey(key, 'n', r.org_id, r.name);
    },
    &IdValue<KeyRecord>};
constexpr RowKind<KeyRecord> kKeyRows[] = {kKeyHashRow, kKeyIdRow, kKeyNameRow};

// A service account's rows: by id, and by org and login.
constexpr RowKind<ServiceAccountRecord> kServiceAccountIdRow = {
    [](const ServiceAccountRecord& r, std::string& key) {
      AppendTaggedIdKey(key, 'i', r.id);
    },
    &SerializeServiceAccount, true};
constexpr RowKind<ServiceAccountRecord> kServiceAccountLoginRow = {
    [](const ServiceAccountRecord& r, std::string& key) {
      AppendTaggedOrgNameKey(key, 'l', r.org_id, r.login);
    },
    &IdValue<ServiceAccountRecord>};
constexpr RowKind<ServiceAccountRecord> kServiceAccountRows[] = {
    kServiceAccountIdRow, kServiceAccountLoginRow};

constexpr RowKind<OrgRecord> kOrgRow = {
    [](const OrgRecord& r, std::string& key) {
      AppendTaggedIdKey(key, 'o', r.id);
    },
    &SerializeOrg};

constexpr RowKind<UserRecord> kUserRow = {
    [](const UserRecord& r, std::string& key) {
      AppendTaggedIdKey(key, 'u', r.id);
    },
    &SerializeUser};

constexpr std::string_view kCountersKey = "c";

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

// A record to sort by its row key: a copy of the key's first bytes
// (zero-padded), which decides almost every comparison without touching the
// record (a million records do not fit in the cache), and its position in
// the map, which breaks ties between equal keys.
template <typename Record>
struct SortEntry {
  std::array<char, 32> head;
  const Record* record;
  size_t index;
};

template <typename Record>
int CompareHeads(const SortEntry<Record>& a, const SortEntry<Record>& b) {
  return std::memcmp(a.head.data(), b.head.data(), a.head.size());
}

// How many rows ahead the loops below fetch records: taken in key order,
// they lie at random places in memory, and fetching early hides the wait.
constexpr size_t kPrefetchDistance = 16;

// Calls `row` for the `kind` row of every record in `records`, in key
// order. Of records with equal keys the last one (in the map's order) wins,
// as it would in a WriteBatch.
template <typename Map>
void ForEachInKeyOrder(const Map& records,
                       const RowKind<typename Map::mapped_type>& kind,
                       const RowFn& row) {
  using Entry = SortEntry<typename Map::mapped_type>;
  std::string key, next_key;  // buffers reused from row to row
  std::vector<Entry> order;
  order.reserve(records.size());
  for (const auto& [id, record] : records) {
    Entry& entry = order.emplace_back(Entry{{}, &record, order.size()});
    kind.KeyIn(record, key).copy(entry.head.data(), entry.head.size());
  }
  std::sort(order.begin(), order.end(),
            [&kind](const Entry& a, const Entry& b) {
              if (const int c = CompareHeads(a, b); c != 0) return c < 0;
              const int c = kind.key(*a.record).compare(kind.key(*b.record));
              return c != 0 ? c < 0 : a.index < b.index;
            });
  for (size_t i = 0; i < order.size(); ++i) {
    if (i + kPrefetchDistance < order.size()) {
      __builtin_prefetch(order[i + kPrefetchDistance].record);
    }
    kind.KeyIn(*order[i].record, key);
    const bool overwritten =
        i + 1 < order.size() && CompareHeads(order[i], order[i + 1]) == 0 &&
        kind.KeyIn(*order[i + 1].record, next_key) == key;
    if (!overwritten) row(key, kind.value(*order[i].record));
  }
}

// Calls `row` for the `kind` row of every record in `records`, in the
// order of `index`, a NameIndex by (org id, name): the order of the 'n' and
// 'l' rows' keys (org ids are not negative), found without a sort. Sorts
// instead if the index does not hold every record.
template <typename Index, typename Map>
void ForEachInIndexOrder(const Index& index, const Map& records,
                         const RowKind<typename Map::mapped_type>& kind,
                         const RowFn& row) {
  std::vector<const typename Map::mapped_type*> ordered(index.begin(),
                                                        index.end());
  if (ordered.size() != records.size()) {
    ForEachInKeyOrder(records, kind, row);
    return;
  }
  std::string key;
  for (size_t i = 0; i < ordered.size(); ++i) {
    if (i + kPrefetchDistance < ordered.size()) {
      __builtin_prefetch(ordered[i + kPrefetchDistance]);
    }
    row(kind.KeyIn(*ordered[i], key), kind.value(*ordered[i]));
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

std::vector<RowProducer> StateRowParts(const domain::State& state, View view) {
  std::vector<RowProducer> parts;
  // One part per kind of row, in the order of their tags.
  auto add_sorted = [&parts](const auto& records, const auto& kind) {
    parts.push_back([&records, &kind](const RowFn& row) {
      ForEachInKeyOrder(records, kind, row);
    });
  };
  auto add_indexed = [&parts](const auto& index, const auto& records,
                              const auto& kind) {
    parts.push_back([&index, &records, &kind](const RowFn& row) {
      ForEachInIndexOrder(index, records, kind, row);
    });
  };
  switch (view) {
    case View::kKeys:
      add_sorted(state.keys, kKeyHashRow);
      add_sorted(state.keys, kKeyIdRow);
      add_indexed(state.key_by_org_name, state.keys, kKeyNameRow);
      break;
    case View::kServiceAccounts:
      add_sorted(state.service_accounts, kServiceAccountIdRow);
      add_indexed(state.sa_by_org_login, state.service_accounts,
                  kServiceAccountLoginRow);
      break;
    case View::kIdentity:
      parts.push_back([&state](const RowFn& row) {
        row(kCountersKey, SerializeCounters(state));
        ForEachInKeyOrder(state.orgs, kOrgRow, row);
        ForEachInKeyOrder(state.users, kUserRow, row);
      });
      break;
    case View::kAudit:
      break;  // not a state view: its rows come from the events
  }
  return parts;
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
