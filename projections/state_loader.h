#ifndef KEYLEDGER_PROJECTIONS_STATE_LOADER_H_
#define KEYLEDGER_PROJECTIONS_STATE_LOADER_H_

#include <cstdint>

#include "domain/error.h"
#include "domain/state.h"
#include "projections/view_set.h"

namespace rocksdb {
class Snapshot;
}

namespace keyledger::eventstore {
class EventStore;
}

namespace keyledger::projections {

// Loads the State held by the keys, service-accounts and identity views
// (no replay), as of `snapshot` (nullptr = latest), with its indexes built
// exactly as Evolve keeps them.
[[nodiscard]] domain::Result<domain::State> LoadState(
    const eventstore::EventStore& store,
    const rocksdb::Snapshot* snapshot = nullptr);

// The checkpoint of `view` (0 when the view was never written).
[[nodiscard]] domain::Result<uint64_t> ReadCheckpoint(
    const eventstore::EventStore& store, View view,
    const rocksdb::Snapshot* snapshot = nullptr);

}  // namespace keyledger::projections

#endif  // KEYLEDGER_PROJECTIONS_STATE_LOADER_H_
