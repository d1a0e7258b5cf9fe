// StateRowParts: every row of a state view, from the State, for a rebuild.

#include <algorithm>
#include <string>
#include <vector>

#include "domain/sort_head.h"
#include "projections/row_kinds.h"
#include "projections/view_writer.h"

namespace keyledger::projections {
namespace {

using namespace rows;  // NOLINT: the row tables and their record types

// A record to sort by its row key: the key's head (see domain::SortHead),
// and the record's position in the map, which breaks ties between equal
// keys.
template <typename Record>
struct SortEntry {
  domain::SortHead head;
  const Record* record;
  size_t index;
};

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
    order.push_back(
        Entry{domain::SortHead::Of(kind.KeyIn(record, key)), &record, order.size()});
  }
  std::sort(order.begin(), order.end(),
            [&kind](const Entry& a, const Entry& b) {
              if (a.head != b.head) return a.head < b.head;
              const int c = kind.key(*a.record).compare(kind.key(*b.record));
              return c != 0 ? c < 0 : a.index < b.index;
            });
  for (size_t i = 0; i < order.size(); ++i) {
    if (i + kPrefetchDistance < order.size()) {
      __builtin_prefetch(order[i + kPrefetchDistance].record);
    }
    kind.KeyIn(*order[i].record, key);
    const bool overwritten =
        i + 1 < order.size() && order[i].head == order[i + 1].head &&
        kind.KeyIn(*order[i + 1].record, next_key) == key;
    if (!overwritten) row(key, kind.value(*order[i].record));
  }
}

// Calls `row` for the `kind` row of each of `ordered`, records of
// `records` already in key order; sorts instead if they are not all of
// `records`.
template <typename Map>
void ForEachOrdered(const std::vector<const typename Map::mapped_type*>& ordered,
                    const Map& records,
                    const RowKind<typename Map::mapped_type>& kind,
                    const RowFn& row) {
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

// Calls `row` for the `kind` row of every record in `records`, in the
// order of `index`, a NameIndex by (org id, name): the order of the 'n' and
// 'l' rows' keys (org ids are not negative), found without a sort.
template <typename Index, typename Map>
void ForEachInIndexOrder(const Index& index, const Map& records,
                         const RowKind<typename Map::mapped_type>& kind,
                         const RowFn& row) {
  ForEachOrdered({index.begin(), index.end()}, records, kind, row);
}

// Calls `row` for the `kind` row of every record in `records` (keyed by
// id), in the order of their ids, the order of the 'i' rows' keys: ids 1 to
// `next_id` - 1 looked up one by one, which reads the records about in the
// order they were created where a sort reads them at random.
template <typename Map>
void ForEachInIdOrder(const Map& records, int64_t next_id,
                      const RowKind<typename Map::mapped_type>& kind,
                      const RowFn& row) {
  std::vector<const typename Map::mapped_type*> ordered;
  ordered.reserve(records.size());
  for (int64_t id = 1; id < next_id && ordered.size() < records.size(); ++id) {
    if (auto it = records.find(id); it != records.end()) {
      ordered.push_back(&it->second);
    }
  }
  ForEachOrdered(ordered, records, kind, row);
}

}  // namespace

std::vector<RowProducer> StateRowParts(const domain::State& state, View view) {
  std::vector<RowProducer> parts;
  // One part per kind of row, in the order of their tags.
  auto add_sorted = [&parts](const auto& records, const auto& kind) {
    parts.push_back([&records, &kind](const RowFn& row) {
      ForEachInKeyOrder(records, kind, row);
    });
  };
  auto add_by_id = [&parts](const auto& records, int64_t next_id,
                            const auto& kind) {
    parts.push_back([&records, next_id, &kind](const RowFn& row) {
      ForEachInIdOrder(records, next_id, kind, row);
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
      add_by_id(state.keys, state.next_key_id, kKeyIdRow);
      add_indexed(state.key_by_org_name, state.keys, kKeyNameRow);
      break;
    case View::kServiceAccounts:
      add_by_id(state.service_accounts, state.next_user_id,
                kServiceAccountIdRow);
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

}  // namespace keyledger::projections
