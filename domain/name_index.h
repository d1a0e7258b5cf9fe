#ifndef KEYLEDGER_DOMAIN_NAME_INDEX_H_
#define KEYLEDGER_DOMAIN_NAME_INDEX_H_

// An ordered index of records by (owner id, name), e.g. keys by (org, name).
// It holds pointers to records that State's node-based maps own (their
// addresses never change while they are in the map), and reads the owner
// and the name from the record itself: 8 bytes an entry in a B-tree, where a
// std::map keyed by a copy of the name took ~110 bytes.
//
// REQUIRES of the owner: a record's owner and name do not change while it is
// indexed (erase, change, insert), and a record is erased from the index
// before it leaves its map.

#include <algorithm>
#include <cassert>
#include <compare>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/btree_set.h"
#include "domain/sort_head.h"

namespace keyledger::domain {

// `Traits` has static `int64_t Owner(const Record&)` and
// `std::string_view Name(const Record&)`.
template <typename Record, typename Traits>
class NameIndex {
  using Key = std::pair<int64_t, std::string_view>;
  static Key KeyOf(const Record* record) {
    return {Traits::Owner(*record), Traits::Name(*record)};
  }
  static Key KeyOf(const Key& key) { return key; }
  struct Less {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return KeyOf(a) < KeyOf(b);
    }
  };
  using Set = absl::btree_set<const Record*, Less>;

 public:
  using const_iterator = typename Set::const_iterator;

  // The records of one owner, in name order.
  struct Range {
    const_iterator first, last;
    const_iterator begin() const { return first; }
    const_iterator end() const { return last; }
  };

  // Indexes `record`, replacing any record with the same owner and name.
  void Insert(const Record& record) {
    if (suspended_) return;
    auto [it, inserted] = set_.insert(&record);
    if (!inserted) {
      set_.erase(it);
      set_.insert(&record);
    }
  }
  // Replaces the contents with the records of `map` (id -> record) that
  // `keep(record)` admits; of records that share an owner and name, one is
  // indexed. The records are sorted by copies of their keys' leading bytes,
  // which seldom needs to read a record, and the tree is filled in order.
  // A restart indexes 10^6 keys so: 0.5 s where inserting them one by one,
  // each a search through the tree to a random place, took 2.2 s (names in no
  // relation to ids, as people name keys); about as fast when names follow
  // ids (then each insert lands next to the last).
  template <typename Map, typename Keep>
  void Assign(const Map& map, Keep keep) {
    std::vector<SortEntry> entries;
    entries.reserve(map.size());
    for (const auto& [id, record] : map) {
      if (keep(record)) entries.emplace_back(record);
    }
    std::sort(entries.begin(), entries.end());
    set_.clear();
    for (const SortEntry& entry : entries) set_.insert(set_.end(), entry.record);
    suspended_ = false;
  }
  // Assign of every record of `map`.
  template <typename Map>
  void Assign(const Map& map) {
    Assign(map, [](const Record&) { return true; });
  }
  // Empties the index and stops keeping it: Insert and Erase do nothing, and
  // the index must not be read, until the next Assign. For a replay of a
  // whole log, which would otherwise insert every record at a random place
  // in the tree (and erase many again), and then assigns once.
  void Suspend() {
    set_.clear();
    suspended_ = true;
  }
  // Removes `record` (not another record with its owner and name).
  void Erase(const Record& record) {
    if (suspended_) return;
    auto it = set_.find(KeyOf(&record));
    if (it != set_.end() && *it == &record) set_.erase(it);
  }
  const Record* Find(int64_t owner, std::string_view name) const {
    assert(!suspended_);
    auto it = set_.find(Key{owner, name});
    return it == set_.end() ? nullptr : *it;
  }
  bool Contains(int64_t owner, std::string_view name) const {
    return Find(owner, name) != nullptr;
  }
  Range Of(int64_t owner) const {
    assert(!suspended_);
    return {set_.lower_bound(Key{owner, {}}),
            set_.lower_bound(Key{owner + 1, {}})};
  }
  // Every record, ordered by owner then name.
  const_iterator begin() const { return set_.begin(); }
  const_iterator end() const { return set_.end(); }
  size_t size() const { return set_.size(); }
  bool empty() const { return set_.empty(); }
  void clear() { set_.clear(); }

 private:
  // A record with its owner and its name's head (see SortHead). Entries
  // order as their records' keys; only where the heads are equal does a
  // comparison read the names in the records.
  struct SortEntry {
    explicit SortEntry(const Record& r)
        : owner(Traits::Owner(r)), head(SortHead::Of(Traits::Name(r))), record(&r) {}
    friend bool operator<(const SortEntry& a, const SortEntry& b) {
      const auto order = std::tie(a.owner, a.head) <=> std::tie(b.owner, b.head);
      if (order != 0) return order < 0;
      return Traits::Name(*a.record) < Traits::Name(*b.record);
    }
    int64_t owner;
    SortHead head;
    const Record* record;
  };

  Set set_;
  bool suspended_ = false;
};

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_NAME_INDEX_H_
