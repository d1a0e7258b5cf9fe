#include "eventstore/group_commit.h"

#include <exception>

#include "domain/name_rules.h"
#include "eventstore/column_families.h"
#include "eventstore/envelope_format.h"
#include "eventstore/key_encoding.h"
#include "eventstore/rocksdb_errors.h"

namespace keyledger::eventstore {

using domain::ErrorCode;
using domain::MakeError;

namespace {

Result<AppendRequest> RunPrepare(const PrepareFn& prepare) {
  try {
    return prepare();
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal,
                     std::string("prepare failed: ") + e.what());
  }
}

// A request without events writes nothing, so it needs no stream (a command
// that decided "nothing to do" may not know one).
Result<void> Validate(const AppendRequest& request) {
  if (request.events.empty()) return {};
  if (request.stream.empty() ||
      request.stream.find('\0') != std::string::npos) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "stream id must be non-empty and contain no NUL byte");
  }
  for (const NewEvent& event : request.events) {
    if (event.type.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "event type is required");
    }
  }
  return {};
}

Error KeyReused() {
  return MakeError(ErrorCode::kUnprocessable,
                   "idempotency key was already used for another request");
}

}  // namespace

GroupBuilder::GroupBuilder(rocksdb::DB& db, const LogFamilies& families,
                           const LogState& committed, GroupObserver* observer)
    : db_(db),
      f_(families),
      committed_(committed),
      observer_(observer),
      last_position_(committed.last_position),
      head_hash_(committed.head_hash) {}

void GroupBuilder::Stage(PendingAppend& pending) {
  outcomes_.push_back(Decide(pending));
}

GroupBuilder::Outcome GroupBuilder::Decide(PendingAppend& pending) {
  if (pending.idempotency) {
    if (pending.idempotency->key.empty()) {
      return Result<AppendResult>(
          MakeError(ErrorCode::kInvalidArgument, "idempotency key is empty"));
    }
    // It is stored in a Protobuf string field, which must be UTF-8 or the
    // envelope no longer parses (the HTTP layer already allows ASCII only).
    if (domain::Utf8Length(pending.idempotency->key) < 0) {
      return Result<AppendResult>(MakeError(
          ErrorCode::kInvalidArgument, "idempotency key is not valid UTF-8"));
    }
    if (auto known = CheckIdempotency(*pending.idempotency)) return *known;
  }
  Result<AppendRequest> request =
      pending.request ? Result<AppendRequest>(std::move(*pending.request))
                      : RunPrepare(pending.prepare);
  if (!request) return Result<AppendResult>(request.error());
  if (auto valid = Validate(*request); !valid) {
    return Result<AppendResult>(valid.error());
  }
  if (auto expected = CheckExpected(*request); !expected) {
    return Result<AppendResult>(expected.error());
  }
  Result<AppendResult> result = AppendToBatch(*request, pending.idempotency);
  if (result && pending.idempotency && !result->events.empty()) {
    staged_keys_[pending.idempotency->key] = {pending.idempotency->fingerprint,
                                              outcomes_.size()};
  }
  return result;
}

std::optional<GroupBuilder::Outcome> GroupBuilder::CheckIdempotency(
    const Idempotency& idem) {
  if (auto it = staged_keys_.find(idem.key); it != staged_keys_.end()) {
    if (it->second.first != idem.fingerprint) {
      return Result<AppendResult>(KeyReused());
    }
    return DuplicateOf{it->second.second};
  }
  auto row = LookupIdempotency(db_, f_, idem.key);
  if (!row) return Result<AppendResult>(row.error());
  if (!*row) return std::nullopt;
  if ((*row)->fingerprint != idem.fingerprint) {
    return Result<AppendResult>(KeyReused());
  }
  auto events =
      ReadPositions(db_, f_, (*row)->first_position, (*row)->last_position);
  if (!events) return Result<AppendResult>(events.error());
  return Result<AppendResult>(
      AppendResult{(*row)->first_position, (*row)->last_position,
                   (*row)->stream_version, true, std::move(*events)});
}

uint64_t GroupBuilder::StreamHead(const std::string& stream) const {
  if (auto it = staged_heads_.find(stream); it != staged_heads_.end()) {
    return it->second;
  }
  auto it = committed_.stream_heads.find(stream);
  return it == committed_.stream_heads.end() ? 0 : it->second;
}

Result<void> GroupBuilder::CheckExpected(const AppendRequest& request) const {
  const uint64_t head = StreamHead(request.stream);
  const ExpectedVersion& expected = request.expected;
  if (expected.kind == ExpectedVersion::Kind::kNoStream && head != 0) {
    return MakeError(ErrorCode::kConflict, "stream " + request.stream +
                                               " already exists (version " +
                                               std::to_string(head) + ")");
  }
  if (expected.kind == ExpectedVersion::Kind::kExact &&
      head != expected.version) {
    return MakeError(ErrorCode::kConflict,
                     "stream " + request.stream + " is at version " +
                         std::to_string(head) + ", expected " +
                         std::to_string(expected.version));
  }
  return {};
}

Result<AppendResult> GroupBuilder::BuildEvents(
    const AppendRequest& request, const std::optional<Idempotency>& idem) {
  AppendResult result;
  sealed_.clear();
  uint64_t version = StreamHead(request.stream);
  uint64_t position = last_position_;
  std::string prev_hash = head_hash_;
  const int64_t now = NowUnixMs();
  for (const NewEvent& in : request.events) {
    RecordedEvent e{NewEventId(),
                    request.stream,
                    ++version,
                    ++position,
                    now,
                    in.type,
                    in.payload,
                    request.metadata,
                    idem ? idem->key : std::string(),
                    prev_hash,
                    {}};
    sealed_.push_back(SealEnvelope(e));
    prev_hash = e.hash;
    result.events.push_back(std::move(e));
  }
  result.first_position = request.events.empty() ? 0 : last_position_ + 1;
  result.last_position = request.events.empty() ? 0 : position;
  result.stream_version = version;
  return result;
}

rocksdb::Status GroupBuilder::PutRows(const AppendResult& result,
                                      const std::optional<Idempotency>& idem) {
  rocksdb::Status s;
  for (size_t i = 0; i < result.events.size(); ++i) {
    const RecordedEvent& e = result.events[i];
    if (s.ok()) s = batch_.Put(f_.events, PositionKey(e.position), sealed_[i]);
    if (s.ok()) {
      s = batch_.Put(f_.streams, StreamIndexKey(e.stream, e.stream_version),
                     PositionKey(e.position));
    }
  }
  if (s.ok() && idem) {
    s = batch_.Put(
        f_.idempotency, idem->key,
        EncodeIdempotencyRow({result.first_position, result.last_position,
                              result.stream_version, idem->fingerprint}));
  }
  return s;
}

Result<AppendResult> GroupBuilder::AppendToBatch(
    const AppendRequest& request, const std::optional<Idempotency>& idem) {
  Result<AppendResult> result = BuildEvents(request, idem);
  if (!result || result->events.empty()) return result;
  batch_.SetSavePoint();
  if (rocksdb::Status s = PutRows(*result, idem); !s.ok()) {
    (void)batch_.RollbackToSavePoint();
    return FromRocksDb(s, "stage append");
  }
  (void)batch_.PopSavePoint();
  last_position_ = result->last_position;
  head_hash_ = result->events.back().hash;
  staged_heads_[request.stream] = result->stream_version;
  if (observer_ != nullptr) observer_->Staged(result->events, batch_);
  return result;
}

rocksdb::WriteBatch& GroupBuilder::Finish() {
  if (last_position_ != committed_.last_position) {
    if (observer_ != nullptr) observer_->Sealing(last_position_, batch_);
    // Each stream's head once per group (requests of one group often append
    // to the same stream), like the log's head below. A Put fails only on a
    // batch size limit, which we never set.
    for (const auto& [stream, version] : staged_heads_) {
      (void)batch_.Put(f_.stream_heads, stream, PositionKey(version));
    }
    rocksdb::Status s = batch_.Put(f_.meta, std::string(cf::kMetaHeadKey),
                                   EncodeHeadRow({last_position_, head_hash_}));
    // A Put only fails on a batch size limit, which we never set; if it did,
    // the head row would simply be rewritten by the next group.
    (void)s;
  }
  return batch_;
}

void GroupBuilder::CommitTo(LogState& state) const {
  state.last_position = last_position_;
  state.head_hash = head_hash_;
  for (const auto& [stream, version] : staged_heads_) {
    state.stream_heads[stream] = version;
  }
}

void GroupBuilder::Answer(std::vector<PendingAppend>& group,
                          const std::optional<Error>& write_error) {
  for (size_t i = 0; i < group.size(); ++i) {
    if (write_error) {
      group[i].done(*write_error);
    } else if (auto* dup = std::get_if<DuplicateOf>(&outcomes_[i])) {
      AppendResult first =
          std::get<Result<AppendResult>>(outcomes_[dup->index]).value();
      first.duplicate = true;
      group[i].done(std::move(first));
    } else {
      group[i].done(std::get<Result<AppendResult>>(outcomes_[i]));
    }
  }
}

}  // namespace keyledger::eventstore
