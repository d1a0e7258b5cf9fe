#ifndef KEYLEDGER_HTTP_KEY_USE_RECORDER_H_
#define KEYLEDGER_HTTP_KEY_USE_RECORDER_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "domain/state.h"

namespace keyledger::projections {
class Ledger;
}

namespace keyledger::http {

// Records "key used" off the request path (SPEC §5). Record() only notes the
// use in memory; a background thread coalesces the uses per key and submits
// them every `interval` as one RecordKeyUse command per org (actor: system),
// the orgs' commands concurrently, so the store's group commit writes them
// together. Uses within 5 minutes of one already
// submitted are dropped here (the domain would emit nothing for them).
// Failures are dropped: last use is best effort. Thread-safe.
class KeyUseRecorder {
 public:
  // REQUIRES: `ledger` outlives the recorder.
  explicit KeyUseRecorder(projections::Ledger& ledger,
                          std::chrono::milliseconds interval =
                              std::chrono::milliseconds(1000));
  // Submits what is pending, then stops the thread.
  ~KeyUseRecorder();
  KeyUseRecorder(const KeyUseRecorder&) = delete;
  KeyUseRecorder& operator=(const KeyUseRecorder&) = delete;

  // Notes that `key_id` (of org `org_id`) authenticated at `now` (Unix
  // seconds). Never blocks on storage.
  void Record(int64_t key_id, int64_t org_id, int64_t now);
  // Submits everything noted so far and returns once it is durable (tests,
  // shutdown).
  void Flush();

 private:
  static constexpr size_t kParallelSubmits = 32;
  void Run();
  // Takes the pending uses (under the lock) and submits them.
  void SubmitPending(std::unique_lock<std::mutex>& lock);
  struct Pending {
    int64_t org_id = 0;
    int64_t at = 0;  // latest use
  };
  void Submit(const std::unordered_map<int64_t, Pending>& uses);

  projections::Ledger& ledger_;
  const std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable flushed_;
  std::unordered_map<int64_t, Pending> pending_;    // by key
  std::unordered_map<int64_t, int64_t> submitted_;  // key -> last submitted use
  uint64_t flush_requests_ = 0;
  uint64_t flushes_done_ = 0;
  bool stop_ = false;
  std::thread thread_;  // last: starts after the fields above exist
};

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_KEY_USE_RECORDER_H_
