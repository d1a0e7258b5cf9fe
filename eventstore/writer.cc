#include "eventstore/writer.h"

#include <pthread.h>

#include <algorithm>
#include <future>

#include "eventstore/rocksdb_errors.h"

namespace keyledger::eventstore {

using domain::ErrorCode;
using domain::MakeError;

namespace {

// A write that failed is always "try again later" to the caller, whatever
// RocksDB's reason: nothing of the group is visible.
Error WriteFailed(const rocksdb::Status& status) {
  Error error = FromRocksDb(status, "append");
  error.code = ErrorCode::kUnavailable;
  return error;
}

}  // namespace

Writer::Writer(rocksdb::DB& db, const LogFamilies& families, LogState state,
               const StoreOptions& options, DurableFn on_durable)
    : db_(db),
      families_(families),
      options_(options),
      on_durable_(std::move(on_durable)),
      state_(std::move(state)) {
  thread_ = std::thread([this] { Loop(); });
}

Writer::~Writer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_.notify_one();
  thread_.join();
}

Result<AppendResult> Writer::Run(PendingAppend pending) {
  if (std::this_thread::get_id() == thread_.get_id()) {
    return MakeError(ErrorCode::kInternal,
                     "append called from the store's writer thread");
  }
  std::promise<Result<AppendResult>> promise;
  std::future<Result<AppendResult>> done = promise.get_future();
  pending.done = [&promise](Result<AppendResult> result) {
    promise.set_value(std::move(result));
  };
  Enqueue(std::move(pending));
  return done.get();
}

void Writer::Enqueue(PendingAppend pending) {
  std::unique_lock lock(mu_);
  if (stopping_) {
    lock.unlock();
    pending.done(MakeError(ErrorCode::kUnavailable, "event store is closing"));
    return;
  }
  queue_.push_back(std::move(pending));
  lock.unlock();
  work_.notify_one();
}

void Writer::Loop() {
  pthread_setname_np(pthread_self(), "kl-writer");
  std::vector<PendingAppend> group;
  while (TakeGroup(group)) {
    CommitGroup(group);
    group.clear();
  }
}

bool Writer::TakeGroup(std::vector<PendingAppend>& group) {
  std::unique_lock lock(mu_);
  work_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
  if (queue_.empty()) return false;
  const size_t n =
      std::min(queue_.size(), std::max<size_t>(options_.max_group_requests, 1));
  for (size_t i = 0; i < n; ++i) {
    group.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  return true;
}

void Writer::CommitGroup(std::vector<PendingAppend>& group) {
  std::optional<Error> error = CheckFreeSpace();
  if (!error) error = EnsureWritable();
  if (error) {
    for (PendingAppend& p : group) p.done(*error);
    return;
  }
  if (observer_ != nullptr) observer_->BeginGroup();
  GroupBuilder builder(db_, families_, state_, observer_);
  for (PendingAppend& p : group) builder.Stage(p);
  rocksdb::WriteBatch& batch = builder.Finish();
  std::optional<Error> write_error;
  if (batch.Count() > 0) {
    rocksdb::WriteOptions write_options;
    write_options.sync = options_.sync;
    rocksdb::Status s = db_.Write(write_options, &batch);
    if (!s.ok()) {
      write_error = WriteFailed(s);
      needs_resume_ = true;
      counters_.RecordFailure();
    } else {
      counters_.RecordWrite(group.size(),
                            builder.staged_last_position() - state_.last_position);
    }
  }
  if (observer_ != nullptr) observer_->EndGroup(!write_error);
  if (!write_error && builder.staged_last_position() != state_.last_position) {
    builder.CommitTo(state_);
    on_durable_(state_.last_position);
  }
  builder.Answer(group, write_error);
}

std::optional<Error> Writer::CheckFreeSpace() {
  if (options_.min_free_bytes == 0) return std::nullopt;
  uint64_t free_bytes = 0;
  // Unknown (an Env without the call): let the write try.
  if (!db_.GetEnv()->GetFreeSpace(db_.GetName(), &free_bytes).ok()) {
    return std::nullopt;
  }
  if (free_bytes >= options_.min_free_bytes) return std::nullopt;
  return MakeError(ErrorCode::kUnavailable,
                   "append: disk is full (" + std::to_string(free_bytes) +
                       " bytes free, " +
                       std::to_string(options_.min_free_bytes) +
                       " are kept in reserve); writes resume once space is "
                       "freed");
}

std::optional<Error> Writer::EnsureWritable() {
  if (!needs_resume_) return std::nullopt;
  // RocksDB 7.8 resumes from a "no space" WAL error (also on its own, once
  // space is free: then Resume() answers Busy meanwhile); any other WAL I/O
  // error is fatal until the store is reopened, and we keep failing.
  if (rocksdb::Status s = db_.Resume(); !s.ok()) return WriteFailed(s);
  // The failed group may or may not have reached the database; the database
  // is the truth for what follows.
  auto state = LoadLogState(db_, families_);
  if (!state) {
    Error error = state.error();
    error.code = ErrorCode::kUnavailable;
    return error;
  }
  const bool advanced = state->last_position != state_.last_position;
  state_ = std::move(*state);
  if (advanced) on_durable_(state_.last_position);
  needs_resume_ = false;
  return std::nullopt;
}

}  // namespace keyledger::eventstore
