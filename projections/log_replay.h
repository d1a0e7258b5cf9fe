#ifndef KEYLEDGER_PROJECTIONS_LOG_REPLAY_H_
#define KEYLEDGER_PROJECTIONS_LOG_REPLAY_H_

// The replay of the whole log that rebuilds start with: the State at its
// end, and on the way the audit view's rows.

#include <cstdint>
#include <map>
#include <vector>

#include "domain/error.h"
#include "domain/state.h"
#include "projections/rebuild.h"
#include "projections/row_sink.h"

namespace keyledger::eventstore {
class EventStore;
}

namespace keyledger::projections {

// How many keys and users (service accounts included) a replay should
// expect, to size its tables (0: unknown).
struct Capacity {
  uint64_t keys = 0;
  uint64_t users = 0;
};

// Upper bounds from the identity view's id counters (ids are never reused);
// zeros when the view has no counters. Read them before a rebuild drops the
// view.
Capacity ReadCapacity(const eventstore::EventStore& store);

// The positions of each org's events, ascending, by org id as the
// audit_by_org keys order them (unsigned).
using PositionsByOrg = std::map<uint64_t, std::vector<uint64_t>>;

struct LogReplay {
  domain::State state;          // at the end of the log
  uint64_t position = 0;        // the last event applied (0: the log is empty)
  PositionsByOrg audit_by_org;  // empty without an audit sink
};

// Replays the log up to its last position at the call, writing the audit
// row of every event to `audit` (in position order; null: not wanted) and
// finishing it. Reports progress on the calling thread. Reading and decoding
// the log, evolving the State (on the calling thread) and writing the audit
// rows run in parallel.
[[nodiscard]] domain::Result<LogReplay> ReplayLog(
    const eventstore::EventStore& store, RowSink* audit, Capacity capacity,
    const ProgressFn& progress);

}  // namespace keyledger::projections

#endif  // KEYLEDGER_PROJECTIONS_LOG_REPLAY_H_
