#include "eventstore/store_stats.h"

namespace keyledger::eventstore {

void StoreCounters::RecordWrite(uint64_t requests, uint64_t events) {
  constexpr auto kRelaxed = std::memory_order_relaxed;
  synced_writes_.fetch_add(1, kRelaxed);
  committed_requests_.fetch_add(requests, kRelaxed);
  committed_events_.fetch_add(events, kRelaxed);
  size_t bucket = 0;
  while (bucket + 1 < kGroupSizeBounds.size() && requests > kGroupSizeBounds[bucket]) {
    ++bucket;
  }
  group_sizes_[bucket].fetch_add(1, kRelaxed);
}

StoreStats StoreCounters::Snapshot() const {
  constexpr auto kRelaxed = std::memory_order_relaxed;
  StoreStats stats;
  stats.synced_writes = synced_writes_.load(kRelaxed);
  stats.committed_requests = committed_requests_.load(kRelaxed);
  stats.committed_events = committed_events_.load(kRelaxed);
  stats.failed_writes = failed_writes_.load(kRelaxed);
  for (size_t i = 0; i < group_sizes_.size(); ++i) {
    stats.group_sizes[i] = group_sizes_[i].load(kRelaxed);
  }
  return stats;
}

}  // namespace keyledger::eventstore
