#ifndef KEYLEDGER_DOMAIN_KEY_HASH_INDEX_H_
#define KEYLEDGER_DOMAIN_KEY_HASH_INDEX_H_

// Records by the hash of their secret, for authentication: a flat hash set
// of pointers to records that State's node-based map owns, hashed and
// compared by the record's own `hash.hex` (~20 bytes a key, no allocation
// per entry, and a lookup lands on the record itself).
//
// REQUIRES of the owner: a record's hash does not change while it is
// indexed, and a record is erased from the index before it leaves its map.

#include <cstddef>
#include <cstdint>

#include "absl/container/flat_hash_set.h"
#include "domain/compact_hex.h"

namespace keyledger::domain {

// `Record` has `hash.hex` (a CompactHex) and `id`.
template <typename Record>
class KeyHashIndex {
  // Elements are distinct records (compared by address), so two records
  // with one hash can both be indexed; a lookup by hex finds either.
  struct Hash {
    using is_transparent = void;
    size_t operator()(const Record* r) const { return r->hash.hex.Hash(); }
    size_t operator()(const CompactHex& hex) const { return hex.Hash(); }
  };
  struct Eq {
    using is_transparent = void;
    bool operator()(const Record* a, const Record* b) const { return a == b; }
    bool operator()(const Record* a, const CompactHex& hex) const {
      return a->hash.hex == hex;
    }
    bool operator()(const CompactHex& hex, const Record* a) const {
      return a->hash.hex == hex;
    }
  };
  using Set = absl::flat_hash_set<const Record*, Hash, Eq>;

 public:
  void Insert(const Record& record) { set_.insert(&record); }
  void Erase(const Record& record) { set_.erase(&record); }
  // A record whose hash is `hex`, or null.
  const Record* Find(const CompactHex& hex) const {
    auto it = set_.find(hex);
    return it == set_.end() ? nullptr : *it;
  }
  void Reserve(size_t records) { set_.reserve(records); }
  void clear() { set_.clear(); }
  bool empty() const { return set_.empty(); }
  size_t size() const { return set_.size(); }
  // Equal when both index records with the same ids.
  bool SameIds(const KeyHashIndex& other) const {
    if (size() != other.size()) return false;
    for (const Record* r : set_) {
      const Record* found = other.Find(r->hash.hex);
      if (found == nullptr || found->id != r->id) return false;
    }
    return true;
  }

 private:
  Set set_;
};

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_KEY_HASH_INDEX_H_
