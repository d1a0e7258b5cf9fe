#ifndef KEYLEDGER_PROJECTIONS_REBUILD_H_
#define KEYLEDGER_PROJECTIONS_REBUILD_H_

// Rebuilding views from the log, and comparing a rebuild with the live rows.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/state.h"
#include "projections/view_set.h"

namespace keyledger::eventstore {
class EventStore;
}

namespace keyledger::projections {

// Called now and then with (events done, events in all).
using ProgressFn = std::function<void(uint64_t done, uint64_t total)>;

// Column family name -> (key -> value), the rows of some views.
using ViewRows = std::map<std::string, std::map<std::string, std::string>>;

// Drops the rows of `views` and rebuilds them by replaying the whole log,
// with their checkpoints. Returns the State at the end of the log. The rows
// go to SST files in a subdirectory of the data directory, then into the
// store together with the checkpoints, in one atomic step: a crash leaves
// the views either rebuilt or without checkpoints (rebuilt on the next
// open). Uses several threads.
[[nodiscard]] domain::Result<domain::State> RebuildViews(
    eventstore::EventStore& store, ViewSet views, const ProgressFn& progress = {});

// Replays the whole log (up to the store's current last position) into a
// side copy: the rows `views` would hold, checkpoints excluded.
[[nodiscard]] domain::Result<ViewRows> ComputeViewRows(
    const eventstore::EventStore& store, ViewSet views,
    const ProgressFn& progress = {});

// The live rows of `views`.
[[nodiscard]] domain::Result<ViewRows> ReadViewRows(
    const eventstore::EventStore& store, ViewSet views);

// Human-readable differences (empty when identical), at most `limit`.
std::vector<std::string> DiffViewRows(const ViewRows& expected,
                                      const ViewRows& actual, size_t limit = 100);

}  // namespace keyledger::projections

#endif  // KEYLEDGER_PROJECTIONS_REBUILD_H_
