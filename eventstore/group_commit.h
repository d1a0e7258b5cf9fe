#ifndef KEYLEDGER_EVENTSTORE_GROUP_COMMIT_H_
#define KEYLEDGER_EVENTSTORE_GROUP_COMMIT_H_

// Internal: builds one group's WriteBatch on the writer thread.

#include <rocksdb/write_batch.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "eventstore/event_store.h"
#include "eventstore/log_state.h"

namespace keyledger::eventstore {

// One queued Append (request set) or Submit (prepare set).
struct PendingAppend {
  std::optional<AppendRequest> request;
  PrepareFn prepare;
  std::optional<Idempotency> idempotency;
  AppendDoneFn done;  // called once, on the writer thread
};

// Stages the requests of one group, in order, on top of the committed state:
// each request sees what earlier requests of the group staged (positions,
// stream versions, idempotency keys). A request that fails contributes
// nothing to the batch. Not thread-safe: the writer thread owns it.
class GroupBuilder {
 public:
  // `observer` may be null. `db`, `families`, `committed` outlive this.
  GroupBuilder(rocksdb::DB& db, const LogFamilies& families,
               const LogState& committed, GroupObserver* observer);

  // Decides `pending` and, if it appends, adds its rows to the batch.
  void Stage(PendingAppend& pending);

  // Adds the "meta" head row; returns the batch to write. Empty batch: no
  // request appended anything.
  rocksdb::WriteBatch& Finish();

  // After a durable write: moves the staged head and stream versions into
  // `state`.
  void CommitTo(LogState& state) const;
  uint64_t staged_last_position() const { return last_position_; }

  // Answers request i of the group with its outcome, or with `write_error`
  // when the batch was not written.
  void Answer(std::vector<PendingAppend>& group,
              const std::optional<Error>& write_error);

 private:
  struct DuplicateOf {
    size_t index;  // an earlier request of this group with the same key
  };
  using Outcome = std::variant<Result<AppendResult>, DuplicateOf>;

  Outcome Decide(PendingAppend& pending);
  std::optional<Outcome> CheckIdempotency(const Idempotency& idem);
  Result<void> CheckExpected(const AppendRequest& request) const;
  // Also leaves each event's stored bytes in sealed_.
  Result<AppendResult> BuildEvents(const AppendRequest& request,
                                   const std::optional<Idempotency>& idem);
  // The rows of one request's events (from sealed_; the stream heads are
  // written by Finish, once per group).
  rocksdb::Status PutRows(const AppendResult& result,
                          const std::optional<Idempotency>& idem);
  Result<AppendResult> AppendToBatch(const AppendRequest& request,
                                     const std::optional<Idempotency>& idem);
  uint64_t StreamHead(const std::string& stream) const;

  rocksdb::DB& db_;
  const LogFamilies& f_;
  const LogState& committed_;
  GroupObserver* observer_;
  rocksdb::WriteBatch batch_;
  uint64_t last_position_;
  std::string head_hash_;
  std::unordered_map<std::string, uint64_t> staged_heads_;
  // idempotency key -> (fingerprint, index of the request that staged it)
  std::unordered_map<std::string, std::pair<std::string, size_t>> staged_keys_;
  std::vector<Outcome> outcomes_;
  std::vector<std::string> sealed_;  // the request being staged
};

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_GROUP_COMMIT_H_
