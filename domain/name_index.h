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

#include <cstdint>
#include <string_view>
#include <utility>

#include "absl/container/btree_set.h"

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
    auto [it, inserted] = set_.insert(&record);
    if (!inserted) {
      set_.erase(it);
      set_.insert(&record);
    }
  }
  // Removes `record` (not another record with its owner and name).
  void Erase(const Record& record) {
    auto it = set_.find(KeyOf(&record));
    if (it != set_.end() && *it == &record) set_.erase(it);
  }
  const Record* Find(int64_t owner, std::string_view name) const {
    auto it = set_.find(Key{owner, name});
    return it == set_.end() ? nullptr : *it;
  }
  bool Contains(int64_t owner, std::string_view name) const {
    return Find(owner, name) != nullptr;
  }
  Range Of(int64_t owner) const {
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
  Set set_;
};

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_NAME_INDEX_H_
