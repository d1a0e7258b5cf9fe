#ifndef KEYLEDGER_EVENTSTORE_STORE_STATS_H_
#define KEYLEDGER_EVENTSTORE_STORE_STATS_H_

#include <array>
#include <atomic>
#include <cstdint>

namespace keyledger::eventstore {

// Upper bounds of the group-size buckets (requests per synced write).
inline constexpr std::array<uint64_t, 9> kGroupSizeBounds = {1, 2, 4, 8, 16,
                                                             32, 64, 128, 512};

// Counters of the writer since the store was opened, for /metrics.
struct StoreStats {
  uint64_t synced_writes = 0;      // groups written (one fsync each)
  uint64_t committed_requests = 0;  // requests in those groups
  uint64_t committed_events = 0;
  uint64_t failed_writes = 0;
  // Synced writes by requests per group: bucket i counts groups of at most
  // kGroupSizeBounds[i] requests (and more than the bound before it).
  std::array<uint64_t, kGroupSizeBounds.size()> group_sizes{};
};

// The writer's live counters (relaxed atomics: monotonic, read racily).
class StoreCounters {
 public:
  void RecordWrite(uint64_t requests, uint64_t events);
  void RecordFailure() { failed_writes_.fetch_add(1, std::memory_order_relaxed); }
  StoreStats Snapshot() const;

 private:
  std::atomic<uint64_t> synced_writes_{0};
  std::atomic<uint64_t> committed_requests_{0};
  std::atomic<uint64_t> committed_events_{0};
  std::atomic<uint64_t> failed_writes_{0};
  std::array<std::atomic<uint64_t>, kGroupSizeBounds.size()> group_sizes_{};
};

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_STORE_STATS_H_
