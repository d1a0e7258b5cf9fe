#ifndef KEYLEDGER_TOOLS_ID_MAP_H_
#define KEYLEDGER_TOOLS_ID_MAP_H_

// Values by id, for ids handed out densely from 1 (as keyledger's are): ids
// up to a bound index a vector, any others a hash map. A lookup is then an
// index instead of a hash, a modulo and a pointer chase, which counts when
// a replay looks up ids millions of times.

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace keyledger::tools {

template <typename T>
class IdMap {
 public:
  // Ids in [0, dense_bound) go to the vector; its storage is reserved (not
  // touched) up front, so it never moves.
  explicit IdMap(size_t dense_bound) : bound_(dense_bound) { dense_.reserve(bound_); }

  // The value at `id`, or null.
  T* Find(int64_t id) {
    if (IsDense(id)) {
      const auto index = static_cast<size_t>(id);
      return index < dense_.size() && dense_[index] ? &*dense_[index] : nullptr;
    }
    const auto it = sparse_.find(id);
    return it == sparse_.end() ? nullptr : &it->second;
  }
  const T* Find(int64_t id) const { return const_cast<IdMap*>(this)->Find(id); }

  // The value at `id`, default-constructed if there was none.
  T& operator[](int64_t id) {
    if (!IsDense(id)) return sparse_[id];
    const auto index = static_cast<size_t>(id);
    if (index >= dense_.size()) dense_.resize(index + 1);
    if (!dense_[index]) dense_[index].emplace();
    return *dense_[index];
  }

  void Erase(int64_t id) {
    if (IsDense(id)) {
      if (static_cast<size_t>(id) < dense_.size()) dense_[static_cast<size_t>(id)].reset();
    } else {
      sparse_.erase(id);
    }
  }

 private:
  bool IsDense(int64_t id) const { return id >= 0 && static_cast<uint64_t>(id) < bound_; }

  size_t bound_;
  std::vector<std::optional<T>> dense_;
  std::unordered_map<int64_t, T> sparse_;
};

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_ID_MAP_H_
