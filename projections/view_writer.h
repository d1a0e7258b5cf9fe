#ifndef KEYLEDGER_PROJECTIONS_VIEW_WRITER_H_
#define KEYLEDGER_PROJECTIONS_VIEW_WRITER_H_

#include <cstdint>

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

  // Applies `event` to `state` (domain::Evolve) and adds the resulting row
  // changes of `views` to `batch`. Does not write checkpoints.
  void Apply(domain::State& state, const eventstore::RecordedEvent& recorded,
             const domain::Event& event, ViewSet views,
             rocksdb::WriteBatch& batch) const;

  // Adds every row of the state views in `views` (rebuilds).
  void PutState(const domain::State& state, ViewSet views,
                rocksdb::WriteBatch& batch) const;

  // Adds the checkpoint `position` of every view in `views`.
  void PutCheckpoints(uint64_t position, ViewSet views,
                      rocksdb::WriteBatch& batch) const;

  // Adds the audit row of one event, given the state before it.
  void PutAudit(const domain::State& before,
                const eventstore::RecordedEvent& recorded,
                const domain::Event& event, rocksdb::WriteBatch& batch) const;

 private:
  void PutKey(const domain::KeyRecord& record, rocksdb::WriteBatch& batch) const;
  void DeleteKey(const domain::KeyRecord& record, rocksdb::WriteBatch& batch) const;
  void PutServiceAccount(const domain::ServiceAccountRecord& record,
                         rocksdb::WriteBatch& batch) const;
  void DeleteServiceAccount(const domain::ServiceAccountRecord& record,
                            rocksdb::WriteBatch& batch) const;

  rocksdb::ColumnFamilyHandle* keys_;
  rocksdb::ColumnFamilyHandle* service_accounts_;
  rocksdb::ColumnFamilyHandle* identity_;
  rocksdb::ColumnFamilyHandle* audit_;
  rocksdb::ColumnFamilyHandle* audit_by_org_;
  rocksdb::ColumnFamilyHandle* checkpoints_;
};

}  // namespace keyledger::projections

#endif  // KEYLEDGER_PROJECTIONS_VIEW_WRITER_H_
