#ifndef KEYLEDGER_EVENTSTORE_EVENT_STORE_H_
#define KEYLEDGER_EVENTSTORE_EVENT_STORE_H_

// The append-only event log on RocksDB. One writer thread owns appends and
// commits concurrent callers in groups, with one synced WriteBatch per group
// (LevelDB's DBImpl::Write is the model). A caller is answered only after its
// group is durable; readers never see a position that is not durable.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "eventstore/recorded_event.h"
#include "eventstore/store_stats.h"

namespace rocksdb {
class DB;
class WriteBatch;
class ColumnFamilyHandle;
class Env;
}  // namespace rocksdb

namespace keyledger::store::v1 {
class Envelope;
}  // namespace keyledger::store::v1

namespace keyledger::eventstore {

using domain::Error;
using domain::Result;

struct ExpectedVersion {
  enum class Kind { kAny, kNoStream, kExact };
  Kind kind = Kind::kAny;
  uint64_t version = 0;  // with kExact: the stream's current last version
  static ExpectedVersion Any() { return {Kind::kAny, 0}; }
  static ExpectedVersion NoStream() { return {Kind::kNoStream, 0}; }
  static ExpectedVersion Exact(uint64_t v) { return {Kind::kExact, v}; }
};

// A client-supplied retry key and a fingerprint of the request it came with.
struct Idempotency {
  std::string key;
  std::string fingerprint;  // same key + other fingerprint -> kUnprocessable
};

struct AppendRequest {
  std::string stream;
  ExpectedVersion expected = ExpectedVersion::Any();
  std::vector<NewEvent> events;  // may be empty: then nothing is written
  EventMetadata metadata;        // applied to every event of the request
};

struct AppendResult {
  uint64_t first_position = 0;  // 0 when nothing was appended
  uint64_t last_position = 0;
  uint64_t stream_version = 0;  // the stream's version after the append
  bool duplicate = false;       // an idempotent retry: nothing appended
  std::vector<RecordedEvent> events;  // what was (or, on a retry, had been) appended
};

// Runs on the writer thread, in queue order, inside a group: decides what to
// append given everything committed or staged before it. An error fails this
// request only; nothing of it is written.
using PrepareFn = std::function<Result<AppendRequest>()>;

// Receives an append's outcome on the writer thread, after its group is
// durable (or failed). It must be quick and must not wait for the store.
using AppendDoneFn = std::function<void(Result<AppendResult>)>;

// Observes every group on the writer thread. `Staged` is called for each
// request's events right after they are added to the group's batch; it may
// add rows to `batch` (projection rows), which then commit atomically with
// the events. `Sealing` is called once after the last request of a group
// that staged events, before the batch is written, with the position of the
// group's last event: rows that only need writing once per group
// (checkpoints, totals) go there. `EndGroup(false)`
// means the batch was not written: observers must drop whatever they staged.
class GroupObserver {
 public:
  virtual ~GroupObserver() = default;
  virtual void BeginGroup() = 0;
  virtual void Staged(const std::vector<RecordedEvent>& events,
                      rocksdb::WriteBatch& batch) = 0;
  virtual void Sealing(uint64_t /*last_position*/,
                       rocksdb::WriteBatch& /*batch*/) {}
  virtual void EndGroup(bool committed) = 0;
};

struct StoreOptions {
  bool sync = true;              // fsync each group (tests may not turn it off)
  size_t max_group_requests = 512;
  bool read_only = false;        // open as a RocksDB secondary (tools)
  std::string secondary_dir;     // required with read_only: scratch directory
  rocksdb::Env* env = nullptr;   // null: the default; tests inject faults
  // Appends are refused (kUnavailable, "disk is full") while the data
  // directory's file system has less free space than this; 0 = no check.
  // Why: Debian's RocksDB 7.8 is built with assertions on, and its recovery
  // from a WAL write that failed with ENOSPC aborts the process (assertion
  // in WritableFileWriter); refusing before the WAL runs out keeps RocksDB
  // from ever seeing that error. The reserve also leaves room for flushes.
  uint64_t min_free_bytes = 16u << 20;
  // Background compactions wait for StartCompactions(). `serve` loads its
  // whole State right after opening; compactions that a previous run left
  // due (L0 files from its last flushes) would compete with that load for
  // the same cores. Flushes are not deferred, and RocksDB does not stall
  // writes on L0 file counts while compactions are off.
  bool defer_compactions = false;
};

class EventStore {
 public:
  // Opens (creating if needed) the store in `dir`. Fails with kUnavailable if
  // another process holds it for writing (unless read_only).
  [[nodiscard]] static Result<std::unique_ptr<EventStore>> Open(
      const std::string& dir, const StoreOptions& options = {});
  ~EventStore();  // stops the writer after draining its queue

  // Appends atomically and durably. Thread-safe; blocks until durable.
  // Errors: kConflict (expected version), kUnprocessable (idempotency key
  // reused with another fingerprint), kUnavailable (write failed; nothing of
  // the group is visible; later appends are tried again).
  [[nodiscard]] Result<AppendResult> Append(
      AppendRequest request,
      std::optional<Idempotency> idempotency = std::nullopt);
  // Like Append, but the request is decided on the writer thread by
  // `prepare`. A known idempotency key answers the recorded result without
  // calling `prepare`.
  [[nodiscard]] Result<AppendResult> Submit(
      PrepareFn prepare, std::optional<Idempotency> idempotency = std::nullopt);
  // Submit without waiting: `done` gets the outcome on the writer thread
  // (or at once, on this thread, if the store is read-only or closing).
  void SubmitAsync(PrepareFn prepare, std::optional<Idempotency> idempotency,
                   AppendDoneFn done);

  // REQUIRES: called before the first append; `observer` outlives the store.
  void SetObserver(GroupObserver* observer);
  // Lets background compactions run (a no-op unless opened with
  // defer_compactions).
  [[nodiscard]] Result<void> StartCompactions();

  // Reads. Only durable events are returned.
  [[nodiscard]] Result<std::vector<RecordedEvent>> ReadStream(
      const std::string& stream, uint64_t from_version, size_t max_count) const;
  [[nodiscard]] Result<std::vector<RecordedEvent>> ReadAll(
      uint64_t from_position, size_t max_count) const;
  // Calls `fn` for every event from `from_position` on, in order, stopping
  // early when it returns false. For tools and rebuilds.
  [[nodiscard]] Result<void> ForEach(
      uint64_t from_position,
      const std::function<bool(const RecordedEvent&)>& fn) const;
  // The same with each event's stored envelope, parsed into storage reused
  // from one event to the next: `fn` may take the envelope's contents
  // (swap them out), and the next parse reuses whatever it leaves.
  [[nodiscard]] Result<void> ForEachEnvelope(
      uint64_t from_position,
      const std::function<bool(store::v1::Envelope&)>& fn) const;
  uint64_t LastPosition() const;  // last durable global position (0 = empty)
  // Blocks until LastPosition() >= position or the timeout passes; returns
  // the last position. (Subscriptions are built on this plus ReadAll.)
  uint64_t WaitForPosition(uint64_t position,
                           std::chrono::milliseconds timeout) const;
  // Read-only stores: pull what the writing process has committed since.
  [[nodiscard]] Result<void> CatchUpWithPrimary();

  // True when opened with StoreOptions.read_only (a RocksDB secondary, which
  // has no snapshots and sees only what it caught up with).
  bool read_only() const;
  // The writer's counters since Open (all zero when read-only). Thread-safe.
  StoreStats Stats() const;

  // For projections, which keep their rows in the same database.
  rocksdb::DB& db() const;
  rocksdb::ColumnFamilyHandle* column_family(const std::string& name) const;

 private:
  class Impl;
  explicit EventStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Follows the log from a position: catches up, then waits for new events.
class Subscription {
 public:
  // REQUIRES: `store` outlives the subscription. Starts after `after_position`.
  Subscription(const EventStore& store, uint64_t after_position);
  // The next event in order, or nullopt when none arrived within `timeout`.
  [[nodiscard]] Result<std::optional<RecordedEvent>> Next(
      std::chrono::milliseconds timeout);

 private:
  const EventStore& store_;
  uint64_t position_;
  std::vector<RecordedEvent> buffer_;
  size_t next_ = 0;
};

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_EVENT_STORE_H_
