#ifndef KEYLEDGER_EVENTSTORE_WRITER_H_
#define KEYLEDGER_EVENTSTORE_WRITER_H_

// Internal: the single writer thread of a store (LevelDB's DBImpl::Write
// model). Callers enqueue and block (or are called back); the thread takes everything queued (up
// to max_group_requests), stages it with a GroupBuilder, writes one synced
// WriteBatch, and then answers every caller of the group.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "eventstore/event_store.h"
#include "eventstore/store_stats.h"
#include "eventstore/group_commit.h"
#include "eventstore/log_state.h"

namespace keyledger::eventstore {

class Writer {
 public:
  // Called on the writer thread after a group is durable, before its callers
  // are answered, with the new last position.
  using DurableFn = std::function<void(uint64_t last_position)>;

  // `db` and `families` outlive the writer. Starts the thread.
  Writer(rocksdb::DB& db, const LogFamilies& families, LogState state,
         const StoreOptions& options, DurableFn on_durable);
  // Answers everything queued, then stops the thread.
  ~Writer();

  // Enqueues and blocks until the request's group is written (or failed).
  // Thread-safe; must not be called from the writer thread (a PrepareFn or
  // an observer), which would wait for itself: that answers kInternal.
  [[nodiscard]] Result<AppendResult> Run(PendingAppend pending);
  // Enqueues without waiting: `pending.done` is called on the writer thread
  // once the group is written (or failed), or at once if the store is
  // closing. May be called from the writer thread (from a `done`).
  void Enqueue(PendingAppend pending);

  // REQUIRES: no append has been enqueued yet.
  void SetObserver(GroupObserver* observer) { observer_ = observer; }

  // Thread-safe.
  StoreStats Stats() const { return counters_.Snapshot(); }

 private:
  void Loop();
  // Blocks for work; false once stopping and the queue is empty.
  bool TakeGroup(std::vector<PendingAppend>& group);
  void CommitGroup(std::vector<PendingAppend>& group);
  // After a failed write: resumes RocksDB and reloads the committed state.
  std::optional<Error> EnsureWritable();
  // kUnavailable "disk is full" when the data directory's file system has
  // less than options_.min_free_bytes free (see StoreOptions).
  std::optional<Error> CheckFreeSpace();

  rocksdb::DB& db_;
  const LogFamilies& families_;
  const StoreOptions options_;
  const DurableFn on_durable_;
  GroupObserver* observer_ = nullptr;

  StoreCounters counters_;
  LogState state_;             // writer thread only
  bool needs_resume_ = false;  // writer thread only

  std::mutex mu_;
  std::condition_variable work_;
  std::deque<PendingAppend> queue_;  // guarded by mu_
  bool stopping_ = false;            // guarded by mu_
  std::thread thread_;
};

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_WRITER_H_
