#ifndef KEYLEDGER_EVENTSTORE_VERIFY_H_
#define KEYLEDGER_EVENTSTORE_VERIFY_H_

#include <cstdint>
#include <optional>
#include <string>

#include "domain/error.h"
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

// Walks the whole log and checks: positions are dense from 1 and each
// envelope's position equals its key; the prev_hash chain links every event
// to its predecessor and every hash recomputes; every event has its stream
// index entry (stream, version -> position) and each stream's versions are
// dense from 1; the index has no other entries, stream heads match, and the
// "meta" head names the last event. Works on a read-only (secondary) store
// while the server writes. An error means the walk itself failed (I/O), not
// that the log is bad.
[[nodiscard]] domain::Result<VerifyReport> VerifyLog(const EventStore& store);

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_VERIFY_H_
