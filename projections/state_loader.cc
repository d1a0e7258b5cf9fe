#include "projections/state_loader.h"

#include <rocksdb/db.h>

#include <functional>
#include <future>
#include <memory>

#include "eventstore/column_families.h"
#include "eventstore/event_store.h"
#include "projections/row_codec.h"
#include "projections/view_keys.h"

namespace keyledger::projections {
namespace {

namespace cf = eventstore::cf;
using domain::Error;
using domain::ErrorCode;
using domain::Result;

// Calls `fn(value)` for every row of `family` whose key starts with `tag`.
Result<void> ScanTag(const eventstore::EventStore& store,
                     std::string_view family, char tag,
                     const rocksdb::Snapshot* snapshot,
                     const std::function<bool(std::string_view)>& fn) {
  const std::string lower(1, tag);
  const std::string upper(1, static_cast<char>(tag + 1));
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions options;
  options.snapshot = snapshot;
  options.iterate_upper_bound = &upper_slice;
  // One pass over each row: caching its blocks would only cost inserts
  // into the block cache (and evict what serving reads later).
  options.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(store.db().NewIterator(
      options, store.column_family(std::string(family))));
  for (it->Seek(lower); it->Valid(); it->Next()) {
    if (!fn(it->value().ToStringView())) {
      return Error{ErrorCode::kInternal,
                   "a row of view " + std::string(family) + " does not parse"};
    }
  }
  if (!it->status().ok()) {
    return Error{ErrorCode::kUnavailable, "reading view " + std::string(family) +
                                              ": " + it->status().ToString()};
  }
  return {};
}

template <typename Record, typename Map>
std::function<bool(std::string_view)> Into(
    Map& map, std::optional<Record> (*parse)(std::string_view)) {
  return [&map, parse](std::string_view bytes) {
    auto record = parse(bytes);
    if (!record) return false;
    map.emplace(record->id, std::move(*record));
    return true;
  };
}

// Keys and tokens with their indexes (state.keys, key_by_*, token_by_*).
Result<void> LoadKeys(const eventstore::EventStore& store,
                      const rocksdb::Snapshot* snapshot, domain::State& state) {
  // RocksDB's estimate of the view's rows (three per key) spares rehashing
  // a large map while it fills; it is only a hint.
  uint64_t rows = 0;
  if (store.db().GetIntProperty(
          store.column_family(std::string(cf::kViewKeys)),
          "rocksdb.estimate-num-keys", &rows)) {
    state.keys.reserve(rows / 3);
  }
  if (auto r = ScanTag(store, cf::kViewKeys, 'i', snapshot,
                       Into(state.keys, &ParseKey));
      !r) {
    return r;
  }
  // Indexing is a third of loading the keys, and the other thread (the
  // accounts) is done first: the two halves of the key indexes touch
  // disjoint members and only read `keys`, so they are built side by side.
  auto by_name = std::async(std::launch::async,
                            [&state] { domain::IndexKeysByOrgName(state); });
  domain::IndexKeysByHashAndAccount(state);
  by_name.get();
  return {};
}

// Everything else: service accounts, orgs, users, id counters, and their
// indexes. Touches no member that LoadKeys touches.
Result<void> LoadIdentities(const eventstore::EventStore& store,
                            const rocksdb::Snapshot* snapshot,
                            domain::State& state) {
  if (auto r = ScanTag(store, cf::kViewServiceAccounts, 'i', snapshot,
                       Into(state.service_accounts, &ParseServiceAccount));
      !r) {
    return r;
  }
  if (auto r = ScanTag(store, cf::kViewIdentity, 'o', snapshot,
                       Into(state.orgs, &ParseOrg));
      !r) {
    return r;
  }
  if (auto r = ScanTag(store, cf::kViewIdentity, 'u', snapshot,
                       Into(state.users, &ParseUser));
      !r) {
    return r;
  }
  if (auto r = ScanTag(store, cf::kViewIdentity, 'c', snapshot,
                       [&state](std::string_view bytes) {
                         return ParseCounters(bytes, state);
                       });
      !r) {
    return r;
  }
  domain::IndexIdentityRecords(state);
  return {};
}

}  // namespace

Result<domain::State> LoadState(const eventstore::EventStore& store,
                                const rocksdb::Snapshot* snapshot) {
  domain::State state;
  // Keys are most of a large State: they load on a second thread while the
  // rest loads here (a restart with 10^6 keys is bound by this). The two
  // halves write disjoint members of `state`.
  auto keys = std::async(std::launch::async, [&] {
    return LoadKeys(store, snapshot, state);
  });
  Result<void> identities = LoadIdentities(store, snapshot, state);
  Result<void> loaded_keys = keys.get();
  if (!loaded_keys) return loaded_keys.error();
  if (!identities) return identities.error();
  return state;
}

Result<uint64_t> ReadCheckpoint(const eventstore::EventStore& store, View view,
                                const rocksdb::Snapshot* snapshot) {
  rocksdb::ReadOptions options;
  options.snapshot = snapshot;
  std::string value;
  rocksdb::Status s = store.db().Get(
      options, store.column_family(std::string(cf::kCheckpoints)),
      std::string(ViewName(view)), &value);
  if (s.IsNotFound()) return uint64_t{0};
  if (!s.ok() || value.size() != eventstore::kU64Size) {
    return Error{ErrorCode::kUnavailable,
                 "reading checkpoint of view " + std::string(ViewName(view))};
  }
  return eventstore::DecodeBigEndian64(value);
}

}  // namespace keyledger::projections
