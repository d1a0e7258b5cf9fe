#ifndef KEYLEDGER_PROJECTIONS_VIEW_WRITER_H_
#define KEYLEDGER_PROJECTIONS_VIEW_WRITER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/audit_target.h"
#include "domain/events.h"
#include "domain/state.h"
#include "eventstore/recorded_event.h"
#include "projections/view_set.h"

namespace rocksdb {
class ColumnFamilyHandle;
class WriteBatch;
}  // namespace rocksdb

namespace keyledger::eventstore {
class EventStore;
}

namespace keyledger::projections {

// Turns events into row changes of the views (grammar in view_keys.h). The
// rows of keys, service accounts and identity are copies of the State's
// records, rewritten after each event; audit gets one row per event.
// Thread-compatible: callers serialize access to the State and batch.
class ViewWriter {
 public:
  // REQUIRES: `store` outlives the writer.
  explicit ViewWriter(const eventstore::EventStore& store);

  // Changes `state` by `event`: domain::Evolve, or a caller's wrapper of it
  // (the ledger takes its lock only around the change itself).
  using EvolveFn = std::function<void(domain::State&, const domain::Event&)>;

  // Applies `event` to `state` (`evolve`, domain::Evolve if empty; the rest
  // only reads `state`) and adds the resulting row changes of `views` to
  // `batch`. Does not write checkpoints or the identity view's totals
  // (PutGroupRows).
  void Apply(domain::State& state, const eventstore::RecordedEvent& recorded,
             const domain::Event& event, ViewSet views,
             rocksdb::WriteBatch& batch, const EvolveFn& evolve = {}) const;

  // After a run of Apply up to `position`: the identity view's totals of
  // `state` (if in `views`) and the checkpoints.
  void PutGroupRows(const domain::State& state, uint64_t position,
                    ViewSet views, rocksdb::WriteBatch& batch) const;

  // Adds the audit row of one event, given the state before it.
  void PutAudit(const domain::State& before,
                const eventstore::RecordedEvent& recorded,
                const domain::Event& event, rocksdb::WriteBatch& batch) const;

 private:
  // Adds the checkpoint `position` of every view in `views`.
  void PutCheckpoints(uint64_t position, ViewSet views,
                      rocksdb::WriteBatch& batch) const;

  rocksdb::ColumnFamilyHandle* keys_;
  rocksdb::ColumnFamilyHandle* service_accounts_;
  rocksdb::ColumnFamilyHandle* identity_;
  rocksdb::ColumnFamilyHandle* audit_;
  rocksdb::ColumnFamilyHandle* audit_by_org_;
  rocksdb::ColumnFamilyHandle* checkpoints_;
};

// The view_audit value of the event at `position`, whose target is `target`
// (domain::TargetOf on the state before it). Apart from that lookup an audit
// row depends on the event alone, so rebuilds serialize rows off the thread
// that evolves the state.
std::string SerializeAuditRow(uint64_t position, int64_t recorded_at_ms,
                              const eventstore::EventMetadata& metadata,
                              const domain::Event& event,
                              const domain::AuditTarget& target);

// Receives rows: a key and its value.
using RowFn = std::function<void(std::string_view key, std::string_view value)>;
// Calls a RowFn for each of a set of rows, in key order.
using RowProducer = std::function<void(const RowFn& row)>;

// The rows of the state view `view` (keys, service accounts or identity) for
// `state`, in parts: each part produces its rows in key order, all of them
// before those of the next part. Parts may run concurrently (rebuilds write
// them to SST files); they read `state`, which must outlive them and not
// change. These are byte for byte the rows Apply maintains.
std::vector<RowProducer> StateRowParts(const domain::State& state, View view);

// Calls `row` for the checkpoint rows that say every view in `views` holds
// the log up to `position`, in key order.
void ForEachCheckpointRow(uint64_t position, ViewSet views, const RowFn& row);

}  // namespace keyledger::projections

#endif  // KEYLEDGER_PROJECTIONS_VIEW_WRITER_H_
