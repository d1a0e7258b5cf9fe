#ifndef KEYLEDGER_EVENTSTORE_VERIFY_H_
#define KEYLEDGER_EVENTSTORE_VERIFY_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "domain/error.h"
#include "envelope.pb.h"
#include "eventstore/event_store.h"

namespace keyledger::eventstore {

// What VerifyLog found. `first_bad_position` is empty when the log is intact;
// otherwise it names the first position at which the log is not what was
// written, and `problem` says why.
struct VerifyReport {
  uint64_t events = 0;         // events checked
  uint64_t last_position = 0;  // last position checked
  std::string head_hash_hex;   // hash of that event (lower-case hex)
  std::optional<uint64_t> first_bad_position;
  std::string problem;
};

// Sees each event of a VerifyLog walk. The event is only valid during the
// call (its storage is reused for the next one).
using VerifiedEventFn = std::function<void(const RecordedEvent&)>;
// The same, with the envelope as parsed. The function may take it (swap it
// with its own): the walk reuses whatever envelope it leaves there, so
// handing events to another thread this way copies nothing.
using VerifiedEnvelopeFn = std::function<void(store::v1::Envelope&)>;

// Walks the whole log and checks: positions are dense from 1 and each
// envelope's position equals its key; the prev_hash chain links every event
// to its predecessor and every hash recomputes; every event has its stream
// index entry (stream, version -> position) and each stream's versions are
// dense from 1; the index has no other entries, stream heads match, and the
// "meta" head names the last event. Works on a read-only (secondary) store
// while the server writes. An error means the walk itself failed (I/O), not
// that the log is bad.
//
// `on_event`, when given, is called in log order for every event whose
// envelope, position, hash chain and stream version check out, during the
// walk, so that a caller can replay the log in the same pass. The stream
// index, heads and meta head are checked after the walk: an event handed to
// `on_event` may still be reported as bad, so the caller must not trust
// what it saw until the report says the log is intact.
[[nodiscard]] domain::Result<VerifyReport> VerifyLog(
    const EventStore& store, const VerifiedEventFn& on_event = nullptr);
// VerifyLog, handing on envelopes instead of events.
[[nodiscard]] domain::Result<VerifyReport> VerifyLogEnvelopes(
    const EventStore& store, const VerifiedEnvelopeFn& on_envelope);

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_VERIFY_H_
