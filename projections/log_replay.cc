#include "projections/log_replay.h"

#include <rocksdb/db.h>

#include <algorithm>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "envelope.pb.h"
#include "eventstore/column_families.h"
#include "eventstore/event_codec.h"
#include "eventstore/event_store.h"
#include "eventstore/key_encoding.h"
#include "eventstore/rocksdb_errors.h"
#include "projections/channel.h"
#include "projections/row_codec.h"
#include "projections/view_keys.h"
#include "projections/view_writer.h"

namespace keyledger::projections {
namespace {

namespace cf = eventstore::cf;
using domain::Error;
using domain::ErrorCode;
using domain::Result;

// Events per batch handed from one stage of a replay to the next: enough to
// make the hand-offs cheap.
constexpr size_t kBatchEvents = 1024;
// Batches circulating between the stages: about 0.1 s of work, which lets
// each stage ride out the scheduler's pauses when three stages share two
// cores (8 batches made the replay a fifth slower), and bounds the memory.
constexpr size_t kBatchesInFlight = 64;
// The identity view's row of id counters (grammar in view_keys.h).
constexpr std::string_view kCountersKey = "c";

// One thread reads and decodes the log, the calling thread evolves the
// State, and a third serializes and writes the audit rows: reading costs
// about as much as evolving, and only evolving must be sequential. Batches
// of events circulate: free -> decoded -> evolved -> free.

// What a replay keeps of an event: what the State and the audit rows need.
struct ReplayedEvent {
  uint64_t position = 0;
  int64_t recorded_at_ms = 0;
  eventstore::EventMetadata metadata;
  domain::Event event;
  domain::AuditTarget target;  // set by the evolving stage (audit only)
};

// The first `size` items are in use. Items are reused from batch to batch,
// so that their strings keep their buffers.
struct EventBatch {
  std::vector<ReplayedEvent> items;
  size_t size = 0;

  ReplayedEvent& Add() {
    if (size == items.size()) items.emplace_back();
    return items[size++];
  }
};
using Batch = std::unique_ptr<EventBatch>;

// The channels between the stages of a replay.
struct Channels {
  Channel<Batch> free, decoded, evolved;

  void CloseAll() {
    free.Close();
    decoded.Close();
    evolved.Close();
  }
};

// Decodes one stored event into `item`.
Result<void> Decode(const store::v1::Envelope& envelope, ReplayedEvent& item) {
  auto event = eventstore::DecodeEvent(envelope.type(), envelope.payload());
  if (!event) {
    return Error{ErrorCode::kInternal, "event at position " +
                                           std::to_string(envelope.position()) +
                                           ": " + event.error().message};
  }
  item.position = envelope.position();
  item.recorded_at_ms = envelope.recorded_at_unix_ms();
  item.metadata.actor_kind = envelope.actor().kind();
  item.metadata.actor_id = envelope.actor().id();
  item.metadata.actor_login = envelope.actor().login();
  item.metadata.request_id = envelope.request_id();
  item.metadata.client_address = envelope.client_address();
  item.event = std::move(*event);
  return {};
}

// Stage 1: reads and decodes the events up to position `last` into batches.
// It scans the events family itself (grammar in column_families.h) rather
// than through EventStore::ForEach, which decodes each envelope into a fresh
// RecordedEvent: two dozen strings allocated and freed per event, a third of
// this stage. One Envelope, parsed again and again, keeps its buffers.
Result<void> ReadLog(const eventstore::EventStore& store, uint64_t last,
                     Channels& channels) {
  const std::string upper = eventstore::PositionKey(last + 1);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions options;
  options.iterate_upper_bound = &upper_slice;
  options.fill_cache = false;  // a full scan would evict the hot set
  std::unique_ptr<rocksdb::Iterator> it(store.db().NewIterator(
      options, store.column_family(std::string(cf::kEvents))));
  store::v1::Envelope envelope;
  std::optional<Batch> batch = channels.free.Pop();
  Result<void> result;
  for (it->Seek(eventstore::PositionKey(1)); batch && it->Valid(); it->Next()) {
    const rocksdb::Slice bytes = it->value();
    if (!envelope.ParseFromArray(bytes.data(),
                                 static_cast<int>(bytes.size()))) {
      result =
          Error{ErrorCode::kInternal, "stored event is not a valid envelope"};
      break;
    }
    result = Decode(envelope, (*batch)->Add());
    if (!result) break;
    if ((*batch)->size == kBatchEvents) {
      channels.decoded.Push(std::move(*batch));
      batch = channels.free.Pop();
    }
  }
  if (result && !it->status().ok()) {
    result = eventstore::FromRocksDb(it->status(), "scanning events");
  }
  if (result && batch && (*batch)->size > 0) {
    channels.decoded.Push(std::move(*batch));
  }
  channels.decoded.Close();
  return result;
}

// Stage 2: applies the events to `state` in log order, noting their audit
// targets first when `audit` (they are looked up in the state before each
// event). Returns the last position applied.
uint64_t EvolveState(Channels& channels, bool audit, uint64_t total,
                     const ProgressFn& progress, domain::State& state) {
  uint64_t position = 0;
  while (std::optional<Batch> batch = channels.decoded.Pop()) {
    EventBatch& b = **batch;
    for (size_t i = 0; i < b.size; ++i) {
      ReplayedEvent& item = b.items[i];
      if (audit) item.target = domain::TargetOf(state, item.event);
      domain::Evolve(state, item.event);
    }
    position = b.items[b.size - 1].position;
    if (progress) progress(position, total);
    channels.evolved.Push(std::move(*batch));
  }
  channels.evolved.Close();
  return position;
}

// Stage 3: writes the audit rows to `audit` and notes their audit_by_org
// rows in `by_org`, then finishes `audit`. Without an audit sink (the audit
// view is not rebuilt), it only recycles the batches.
Result<void> WriteAudit(Channels& channels, RowSink* audit,
                        PositionsByOrg& by_org) {
  while (std::optional<Batch> batch = channels.evolved.Pop()) {
    EventBatch& b = **batch;
    for (size_t i = 0; audit != nullptr && i < b.size; ++i) {
      const ReplayedEvent& item = b.items[i];
      audit->Add(EncodeU64(item.position),
                 SerializeAuditRow(item.position, item.recorded_at_ms,
                                   item.metadata, item.event, item.target));
      by_org[static_cast<uint64_t>(domain::OrgOf(item.event))].push_back(
          item.position);
    }
    b.size = 0;
    channels.free.Push(std::move(*batch));
  }
  return audit != nullptr ? audit->Finish() : Result<void>();
}

// Sizes the State's largest hash tables for `capacity`, so that they do not
// rehash a million entries as they grow (a fifth of evolving a large
// State). A log of `events` holds no more records than events, which bounds
// what a damaged view could claim.
void Presize(domain::State& state, Capacity capacity, uint64_t events) {
  const size_t keys = std::min(capacity.keys, events);
  state.keys.reserve(keys);
  state.key_by_hash.Reserve(keys);
  state.service_accounts.reserve(std::min(capacity.users, events));
}

}  // namespace

Capacity ReadCapacity(const eventstore::EventStore& store) {
  std::string bytes;
  rocksdb::Status s =
      store.db().Get(rocksdb::ReadOptions(),
                     store.column_family(std::string(cf::kViewIdentity)),
                     kCountersKey, &bytes);
  domain::State counters;
  if (!s.ok() || !ParseCounters(bytes, counters)) return {};
  auto count = [](int64_t next_id) {
    return static_cast<uint64_t>(std::max<int64_t>(next_id - 1, 0));
  };
  return {count(counters.next_key_id), count(counters.next_user_id)};
}

Result<LogReplay> ReplayLog(const eventstore::EventStore& store, RowSink* audit,
                            Capacity capacity, const ProgressFn& progress) {
  const uint64_t total = store.LastPosition();
  LogReplay replayed;
  Presize(replayed.state, capacity, total);
  Channels channels;
  for (size_t i = 0; i < kBatchesInFlight; ++i) {
    channels.free.Push(std::make_unique<EventBatch>());
  }
  auto read = std::async(std::launch::async,
                         [&] { return ReadLog(store, total, channels); });
  auto write = std::async(std::launch::async, [&] {
    return WriteAudit(channels, audit, replayed.audit_by_org);
  });
  // The futures wait for their threads when destroyed. Closing the channels
  // first, also when this thread leaves by an exception, lets those end.
  struct CloseAll {
    Channels& channels;
    ~CloseAll() { channels.CloseAll(); }
  } close_all{channels};
  domain::SuspendNameIndexes(replayed.state);
  replayed.position =
      EvolveState(channels, audit != nullptr, total, progress, replayed.state);
  auto accounts = std::async(std::launch::async, [&replayed] {
    domain::IndexServiceAccountsByOrgLogin(replayed.state);
  });
  domain::IndexKeysByOrgName(replayed.state);
  accounts.get();
  if (auto r = read.get(); !r) return r.error();
  if (auto r = write.get(); !r) return r.error();
  return replayed;
}

}  // namespace keyledger::projections
