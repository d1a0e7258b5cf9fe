#include "projections/ledger.h"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <chrono>
#include <future>
#include <iostream>
#include <map>

#include "domain/decide.h"
#include "eventstore/event_codec.h"
#include "projections/rebuild.h"
#include "projections/state_loader.h"

namespace keyledger::projections {
namespace {

using domain::Error;
using domain::ErrorCode;
using domain::Result;

constexpr size_t kCatchUpBatchEvents = 1000;

eventstore::EventMetadata MetadataOf(const CommandMeta& meta) {
  return {std::string(domain::ActorKindName(meta.actor.kind)), meta.actor.id,
          meta.actor.login, meta.request_id, meta.client_address};
}

Result<std::vector<domain::Event>> DecodeAll(
    const std::vector<eventstore::RecordedEvent>& recorded) {
  std::vector<domain::Event> events;
  for (const auto& r : recorded) {
    auto event = eventstore::DecodeEvent(r.type, r.payload);
    if (!event) return event.error();
    events.push_back(std::move(*event));
  }
  return events;
}

// Events after which a presented key or login may be allowed more than
// before (see Ledger::ReadLatest).
bool MayWidenAccess(const domain::Event& event) {
  return std::holds_alternative<domain::ServiceAccountUpdated>(event) ||
         std::holds_alternative<domain::ApiKeyMigrated>(event) ||
         std::holds_alternative<domain::TokenReverted>(event) ||
         std::holds_alternative<domain::OrgCreated>(event) ||
         std::holds_alternative<domain::UserCreated>(event) ||
         std::holds_alternative<domain::OrgUserAdded>(event) ||
         std::holds_alternative<domain::OrgUserRoleChanged>(event);
}

}  // namespace

int64_t SystemClockSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Ledger::Ledger(eventstore::EventStore& store, domain::Limits limits, Clock clock)
    : store_(store), writer_(store), limits_(limits), clock_(std::move(clock)) {}

Ledger::~Ledger() { store_.SetObserver(nullptr); }

Result<std::unique_ptr<Ledger>> Ledger::Open(eventstore::EventStore& store,
                                             domain::Limits limits, Clock clock) {
  std::unique_ptr<Ledger> ledger(new Ledger(store, limits, std::move(clock)));
  if (auto r = ledger->CatchUp(); !r) return r.error();
  store.SetObserver(ledger.get());
  return ledger;
}

// Normal start: every view's checkpoint equals the log's last position (rows
// commit with their events), so this only loads the State. After a rebuild
// that died midway or an upgrade that added a view, lagging views are caught
// up from their checkpoint, in batches that each carry their checkpoint.
Result<void> Ledger::CatchUp() {
  std::map<View, uint64_t> checkpoint;
  for (View view : kAllViews) {
    auto c = ReadCheckpoint(store_, view);
    if (!c) return c.error();
    checkpoint[view] = *c;
  }
  const uint64_t state_checkpoint = checkpoint[View::kKeys];
  const bool state_views_agree =
      checkpoint[View::kServiceAccounts] == state_checkpoint &&
      checkpoint[View::kIdentity] == state_checkpoint;
  uint64_t& audit_checkpoint = checkpoint[View::kAudit];
  // The audit view needs the state before each event for target names, so
  // it catches up together with the state views or is rebuilt on its own.
  if (audit_checkpoint != store_.LastPosition() &&
      (audit_checkpoint != state_checkpoint || !state_views_agree)) {
    if (auto r = RebuildViews(store_, ViewSet::Of(View::kAudit)); !r) return r.error();
    audit_checkpoint = store_.LastPosition();
  }
  if (!state_views_agree) {
    auto state = RebuildViews(store_, ViewSet::StateViews());
    if (!state) return state.error();
    state_ = std::move(*state);
    return {};
  }
  auto state = LoadState(store_);
  if (!state) return state.error();
  state_ = std::move(*state);
  ViewSet views = ViewSet::StateViews();
  if (audit_checkpoint == state_checkpoint) views = views.With(View::kAudit);
  rocksdb::WriteBatch batch;
  size_t pending = 0;
  Result<void> failure;
  auto flush = [&](uint64_t position) {
    writer_.PutGroupRows(state_, position, views, batch);
    rocksdb::WriteOptions options;
    options.sync = true;
    rocksdb::Status s = store_.db().Write(options, &batch);
    batch.Clear();
    pending = 0;
    if (!s.ok()) failure = Error{ErrorCode::kUnavailable, s.ToString()};
    return s.ok();
  };
  uint64_t last = state_checkpoint;
  auto walked = store_.ForEach(state_checkpoint + 1, [&](const auto& recorded) {
    auto event = eventstore::DecodeEvent(recorded.type, recorded.payload);
    if (!event) {
      failure = event.error();
      return false;
    }
    writer_.Apply(state_, recorded, *event, views, batch);
    last = recorded.position;
    return ++pending < kCatchUpBatchEvents || flush(last);
  });
  if (!walked) return walked.error();
  if (!failure) return failure;
  if (pending > 0 && !flush(last)) return failure;
  return {};
}

Result<Outcome> Ledger::Execute(const domain::Command& command,
                                const CommandMeta& meta) {
  std::promise<Result<Outcome>> promise;
  std::future<Result<Outcome>> outcome = promise.get_future();
  ExecuteAsync(command, meta, [&promise](Result<Outcome> result) {
    promise.set_value(std::move(result));
  });
  return outcome.get();
}

void Ledger::ExecuteAsync(domain::Command command, CommandMeta meta,
                          OutcomeFn done) {
  // Shared by the prepare step and the answer, both on the writer thread.
  struct Call {
    domain::Command command;
    CommandMeta meta;
    std::vector<domain::Event> decided;
  };
  auto call = std::make_shared<Call>(
      Call{std::move(command), std::move(meta), {}});
  auto prepare = [this, call]() -> Result<eventstore::AppendRequest> {
    const CommandMeta& meta = call->meta;
    domain::Context context{clock_(), meta.actor, meta.actor_role,
                            meta.actor_is_server_admin, limits_};
    auto events = domain::Decide(state_, call->command, context);
    if (!events) return events.error();
    call->decided = std::move(*events);
    eventstore::AppendRequest request;
    if (!call->decided.empty()) {
      request.stream = domain::StreamOf(call->decided.front());
    }
    request.metadata = MetadataOf(meta);
    for (const auto& event : call->decided) {
      request.events.push_back(eventstore::EncodeEvent(event));
    }
    return request;
  };
  std::optional<eventstore::Idempotency> idempotency = call->meta.idempotency;
  store_.SubmitAsync(
      std::move(prepare), std::move(idempotency),
      [call, done = std::move(done)](
          Result<eventstore::AppendResult> appended) {
        if (!appended) return done(appended.error());
        Outcome outcome;
        outcome.duplicate = appended->duplicate;
        outcome.last_position = appended->last_position;
        if (appended->duplicate) {
          auto events = DecodeAll(appended->events);
          if (!events) return done(events.error());
          outcome.events = std::move(*events);
        } else {
          outcome.events = std::move(call->decided);
        }
        done(std::move(outcome));
      });
}

void Ledger::BeginGroup() {
  group_lock_ = std::unique_lock(commit_gate_);
  group_staged_ = false;
}

void Ledger::Staged(const std::vector<eventstore::RecordedEvent>& events,
                    rocksdb::WriteBatch& batch) {
  std::vector<domain::Event> decoded;
  decoded.reserve(events.size());
  bool widens = false;
  for (const auto& recorded : events) {
    auto event = eventstore::DecodeEvent(recorded.type, recorded.payload);
    if (!event) {
      // Only events this binary encoded reach here; a failure is a bug.
      std::cerr << "ledger: cannot decode staged event at position "
                << recorded.position << "\n";
      std::abort();
    }
    widens |= MayWidenAccess(*event);
    decoded.push_back(std::move(*event));
  }
  // Only changing state_ excludes readers; building the rows only reads it
  // (and only this thread changes it). ReadLatest may see some of a
  // request's events before the rest: if any of them may widen access, the
  // flag is up before the first, so ReadLatest waits for the commit.
  auto evolve = [this, widens](domain::State& state, const domain::Event& e) {
    std::unique_lock state_lock(mutex_);
    grant_in_flight_ |= widens;
    domain::Evolve(state, e);
  };
  for (size_t i = 0; i < events.size(); ++i) {
    writer_.Apply(state_, events[i], decoded[i], ViewSet::All(), batch, evolve);
    group_staged_ = true;
  }
}

void Ledger::Sealing(uint64_t last_position, rocksdb::WriteBatch& batch) {
  // Once per group, not per request: these rows are rewritten whole, and
  // every batch entry is a memtable insert on the writer thread.
  writer_.PutGroupRows(state_, last_position, ViewSet::All(), batch);
}

void Ledger::EndGroup(bool committed) {
  if (!committed && group_staged_) {
    // The batch never reached disk: go back to what the views hold.
    auto state = LoadState(store_);
    if (!state) {
      std::cerr << "ledger: cannot reload state after a failed write: "
                << state.error().message << "\n";
      std::abort();
    }
    std::unique_lock state_lock(mutex_);
    state_ = std::move(*state);
    grant_in_flight_ = false;
  } else if (grant_in_flight_) {
    std::unique_lock state_lock(mutex_);
    grant_in_flight_ = false;
  }
  group_lock_.unlock();
  group_lock_ = {};
}

}  // namespace keyledger::projections
