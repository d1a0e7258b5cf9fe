#include "projections/state_loader.h"

#include <rocksdb/db.h>

#include <algorithm>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

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

// Calls `fn(value)` for every row of `family` with a key in [lower, upper).
Result<void> ScanRange(const eventstore::EventStore& store,
                       std::string_view family, const std::string& lower,
                       const std::string& upper,
                       const rocksdb::Snapshot* snapshot,
                       const std::function<bool(std::string_view)>& fn) {
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

// The first key after every key that starts with `tag`.
std::string TagEnd(char tag) { return std::string(1, static_cast<char>(tag + 1)); }

// Calls `fn(value)` for every row of `family` whose key starts with `tag`.
Result<void> ScanTag(const eventstore::EventStore& store,
                     std::string_view family, char tag,
                     const rocksdb::Snapshot* snapshot,
                     const std::function<bool(std::string_view)>& fn) {
  return ScanRange(store, family, std::string(1, tag), TagEnd(tag), snapshot,
                   fn);
}

// A row function that parses each row and hands the record to `keep`
// (false, which stops a scan, when a row does not parse).
template <typename Record, typename Keep>
std::function<bool(std::string_view)> Parsed(
    std::optional<Record> (*parse)(std::string_view), Keep keep) {
  return [parse, keep](std::string_view bytes) mutable {
    auto record = parse(bytes);
    if (!record) return false;
    keep(std::move(*record));
    return true;
  };
}

// Parsed, into `map` by id.
template <typename Record, typename Map>
std::function<bool(std::string_view)> Into(
    Map& map, std::optional<Record> (*parse)(std::string_view)) {
  return Parsed(parse, [&map](Record&& record) {
    const int64_t id = record.id;
    map.emplace(id, std::move(record));
  });
}

// The key rows ('i') of keys and tokens with ids from `first` on, parsed;
// about `expected` of them.
Result<std::vector<domain::KeyRecord>> ReadKeysFrom(
    const eventstore::EventStore& store, const rocksdb::Snapshot* snapshot,
    int64_t first, size_t expected) {
  std::vector<domain::KeyRecord> keys;
  keys.reserve(expected);
  std::string lower;
  AppendTaggedIdKey(lower, 'i', first);
  auto read = ScanRange(store, cf::kViewKeys, lower, TagEnd('i'), snapshot,
                        Parsed(&ParseKey, [&keys](domain::KeyRecord&& key) {
                          keys.push_back(std::move(key));
                        }));
  if (!read) return read.error();
  return keys;
}

// Keys and tokens with their indexes (state.keys, key_by_*, token_by_*).
// Their rows are read in two halves, by id, side by side: reading a million
// rows on one thread was the longest part of a restart, while the thread
// loading the rest waited for it half of the time. `next_key_id` (from the
// counters) tells where the second half starts.
Result<void> LoadKeys(const eventstore::EventStore& store,
                      const rocksdb::Snapshot* snapshot, int64_t next_key_id,
                      domain::State& state) {
  // RocksDB's estimate of the view's rows (three per key) spares rehashing
  // a large map while it fills; it is only a hint.
  uint64_t rows = 0;
  if (store.db().GetIntProperty(
          store.column_family(std::string(cf::kViewKeys)),
          "rocksdb.estimate-num-keys", &rows)) {
    state.keys.reserve(rows / 3);
  }
  const int64_t split = std::max<int64_t>(next_key_id / 2, 1);
  auto second_half = std::async(std::launch::async, [&] {
    return ReadKeysFrom(store, snapshot, split, rows / 6);
  });
  std::string upper;
  AppendTaggedIdKey(upper, 'i', split);
  auto first_half = ScanRange(store, cf::kViewKeys, "i", upper, snapshot,
                              Into(state.keys, &ParseKey));
  auto rest = second_half.get();
  if (!first_half) return first_half;
  if (!rest) return rest.error();
  for (domain::KeyRecord& key : *rest) {
    const int64_t id = key.id;
    state.keys.emplace(id, std::move(key));
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

// Everything else but the id counters: service accounts, orgs, users, and
// their indexes. Touches no member that LoadKeys touches.
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
  domain::IndexIdentityRecords(state);
  return {};
}

}  // namespace

Result<domain::State> LoadState(const eventstore::EventStore& store,
                                const rocksdb::Snapshot* snapshot) {
  domain::State state;
  // The id counters first: LoadKeys splits its work by key id.
  if (auto r = ScanTag(store, cf::kViewIdentity, 'c', snapshot,
                       [&state](std::string_view bytes) {
                         return ParseCounters(bytes, state);
                       });
      !r) {
    return r.error();
  }
  const int64_t next_key_id = state.next_key_id;
  // Keys are most of a large State: they load on other threads while the
  // rest loads here (a restart with 10^6 keys is bound by this). The two
  // halves write disjoint members of `state`.
  auto keys = std::async(std::launch::async, [&] {
    return LoadKeys(store, snapshot, next_key_id, state);
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
