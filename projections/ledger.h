#ifndef KEYLEDGER_PROJECTIONS_LEDGER_H_
#define KEYLEDGER_PROJECTIONS_LEDGER_H_

// The ledger: decides commands against the current State on the event
// store's writer thread and keeps the views up to date in the same
// WriteBatch as the events (read-your-writes; no view lags the log).

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "domain/actor.h"
#include "domain/commands.h"
#include "domain/context.h"
#include "domain/error.h"
#include "domain/events.h"
#include "domain/state.h"
#include "eventstore/event_store.h"
#include "projections/view_writer.h"

namespace keyledger::projections {

// Who asks, and the request's trace, for one command.
struct CommandMeta {
  domain::Actor actor;
  domain::Role actor_role = domain::Role::kNone;  // in the command's org
  bool actor_is_server_admin = false;
  std::string request_id;
  std::string client_address;
  std::optional<eventstore::Idempotency> idempotency;
};

struct Outcome {
  std::vector<domain::Event> events;  // what the command appended (or had, on a retry)
  bool duplicate = false;             // an idempotent retry: nothing appended now
  uint64_t last_position = 0;
};

// Unix seconds; replaceable in tests.
using Clock = std::function<int64_t()>;
int64_t SystemClockSeconds();

class Ledger final : public eventstore::GroupObserver {
 public:
  // Loads the State from the views and catches every view up with the log.
  // REQUIRES: `store` outlives the ledger; one ledger per store.
  [[nodiscard]] static domain::Result<std::unique_ptr<Ledger>> Open(
      eventstore::EventStore& store, domain::Limits limits,
      Clock clock = SystemClockSeconds);
  ~Ledger() override;

  // Decides and appends a command; returns once its events are durable.
  // Thread-safe. Errors: the decision's, kUnavailable (storage), kConflict.
  [[nodiscard]] domain::Result<Outcome> Execute(const domain::Command& command,
                                                const CommandMeta& meta);
  // Execute without waiting: `done` gets the outcome on the event store's
  // writer thread once the events are durable (or the command failed), so
  // it must be quick and must not wait for the store (hand the outcome to
  // another thread). Thread-safe.
  using OutcomeFn = std::function<void(domain::Result<Outcome>)>;
  void ExecuteAsync(domain::Command command, CommandMeta meta, OutcomeFn done);

  // Runs `fn(const State&)` on the committed State under a shared lock:
  // it waits while a group is staged and synced.
  template <typename Fn>
  auto Read(Fn&& fn) const {
    std::shared_lock gate(commit_gate_);
    std::shared_lock lock(mutex_);
    return fn(static_cast<const domain::State&>(state_));
  }

  // Like Read, but does not wait for an in-flight group's fsync: `fn` may
  // see the effects of a group that is staged and not yet durable (and of
  // some of a request's events before the rest). Only for
  // authentication and for checks that can only reject (a request's
  // target exists; the command's Decide checks again). Authentication
  // cannot observe an uncommitted key create (its secret is returned only
  // after the commit); uncommitted deletes, revocations and disables deny
  // early; if the write fails the State is reloaded from the views. A
  // staged change that could WIDEN what a key or login may do (a service
  // account enabled or given a higher role, a migration or revert changing
  // a key's identity, a user, org, membership or role created or changed)
  // must not act before it is durable, so while one is in flight this
  // falls back to Read. Otherwise it waits only while the writer changes
  // the State in memory, never on the disk.
  template <typename Fn>
  auto ReadLatest(Fn&& fn) const {
    {
      std::shared_lock lock(mutex_);
      if (!grant_in_flight_) return fn(static_cast<const domain::State&>(state_));
    }
    return Read(std::forward<Fn>(fn));
  }

  // ReadLatest that never blocks, for callers on an I/O thread: nullopt
  // when it would wait (the writer is changing the State, or a grant is in
  // flight); the caller then retries where it may block.
  template <typename Fn>
  auto TryReadLatest(Fn&& fn) const
      -> std::optional<decltype(fn(std::declval<const domain::State&>()))> {
    std::shared_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock() || grant_in_flight_) return std::nullopt;
    return fn(static_cast<const domain::State&>(state_));
  }

  const domain::Limits& limits() const { return limits_; }
  int64_t Now() const { return clock_(); }
  eventstore::EventStore& store() const { return store_; }

  // eventstore::GroupObserver (writer thread only).
  void BeginGroup() override;
  void Staged(const std::vector<eventstore::RecordedEvent>& events,
              rocksdb::WriteBatch& batch) override;
  void Sealing(uint64_t last_position, rocksdb::WriteBatch& batch) override;
  void EndGroup(bool committed) override;

 private:
  Ledger(eventstore::EventStore& store, domain::Limits limits, Clock clock);
  [[nodiscard]] domain::Result<void> CatchUp();

  eventstore::EventStore& store_;
  ViewWriter writer_;
  domain::Limits limits_;
  Clock clock_;
  // Held exclusively by the writer thread from BeginGroup to EndGroup
  // (including the group's fsync), so Read only ever sees committed state.
  mutable std::shared_mutex commit_gate_;
  // Held exclusively only while the writer thread changes `state_` (one
  // event's Evolve at a time), so ReadLatest never waits on the disk. The
  // writer thread reads `state_` (Decide) without it: it is the only writer.
  mutable std::shared_mutex mutex_;
  domain::State state_;
  // True from the Staged of an event that may widen a key's access until its
  // group ends (guarded by mutex_).
  bool grant_in_flight_ = false;
  std::unique_lock<std::shared_mutex> group_lock_;
  bool group_staged_ = false;
};

}  // namespace keyledger::projections

#endif  // KEYLEDGER_PROJECTIONS_LEDGER_H_
