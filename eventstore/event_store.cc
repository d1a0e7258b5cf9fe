#include "eventstore/event_store.h"

#include <algorithm>
#include <filesystem>

#include "eventstore/column_families.h"
#include "eventstore/empty_wals.h"
#include "eventstore/event_store_impl.h"
#include "eventstore/rocksdb_errors.h"

namespace keyledger::eventstore {

using domain::ErrorCode;
using domain::MakeError;

EventStore::Impl::~Impl() {
  writer.reset();
  // Flush memtables on a clean close, so the next open does not replay the
  // whole WAL (a restart with a million keys would otherwise take seconds).
  if (db && !options.read_only) {
    rocksdb::FlushOptions flush;
    (void)db->Flush(flush, handles);
  }
  for (rocksdb::ColumnFamilyHandle* h : handles) {
    (void)db->DestroyColumnFamilyHandle(h);
  }
  handles.clear();
  db.reset();
}

void EventStore::Impl::PublishDurable(uint64_t position) {
  {
    std::lock_guard lock(durable_mu);
    last_position.store(position, std::memory_order_release);
  }
  durable_cv.notify_all();
}

namespace {

std::vector<std::string> ExistingFamilies(const std::string& dir) {
  std::vector<std::string> names;
  // Fails for a new directory; then there is nothing extra to open.
  (void)rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names);
  return names;
}

}  // namespace

Result<void> EventStore::Impl::OpenPrimary(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.keep_log_file_num = 4;
  // Bounds the WAL that a restart after a crash must replay: past this size
  // RocksDB flushes the column families that pin the oldest WAL file.
  db_options.max_total_wal_size = 64u << 20;
  if (options.env != nullptr) db_options.env = options.env;
  auto descriptors = cf::Descriptors(ExistingFamilies(dir));
  for (auto& d : descriptors) {
    d.options.disable_auto_compactions = options.defer_compactions;
  }
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s =
      rocksdb::DB::Open(db_options, dir, descriptors, &handles, &raw);
  db.reset(raw);
  if (!s.ok()) return FromRocksDb(s, "open " + dir);
  RemoveEmptyOldWals(*db);
  return {};
}

Result<void> EventStore::Impl::OpenSecondary(const std::string& dir) {
  if (options.secondary_dir.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "read-only open needs a secondary directory");
  }
  std::vector<std::string> existing;
  rocksdb::Status s =
      rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &existing);
  if (!s.ok()) {
    return MakeError(ErrorCode::kNotFound, "no event store in " + dir);
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (auto& d : cf::Descriptors(existing)) {
    if (std::find(existing.begin(), existing.end(), d.name) != existing.end()) {
      descriptors.push_back(std::move(d));
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(options.secondary_dir, ec);
  rocksdb::DBOptions db_options;
  db_options.max_open_files = -1;  // required by secondary instances
  if (options.env != nullptr) db_options.env = options.env;
  rocksdb::DB* raw = nullptr;
  s = rocksdb::DB::OpenAsSecondary(db_options, dir, options.secondary_dir,
                                   descriptors, &handles, &raw);
  db.reset(raw);
  if (!s.ok()) return FromRocksDb(s, "open " + dir + " read-only");
  return {};
}

Result<void> EventStore::Impl::BindFamilies() {
  for (rocksdb::ColumnFamilyHandle* h : handles) {
    by_name.emplace(h->GetName(), h);
  }
  LogFamilies& f = families;
  std::pair<std::string_view, rocksdb::ColumnFamilyHandle**> wanted[] = {
      {cf::kEvents, &f.events},
      {cf::kStreams, &f.streams},
      {cf::kStreamHeads, &f.stream_heads},
      {cf::kIdempotency, &f.idempotency},
      {cf::kMeta, &f.meta}};
  for (auto& [name, slot] : wanted) {
    auto it = by_name.find(name);
    if (it == by_name.end()) {
      return MakeError(ErrorCode::kInternal,
                       "event store lacks column family " + std::string(name));
    }
    *slot = it->second;
  }
  return {};
}

Result<std::unique_ptr<EventStore>> EventStore::Open(
    const std::string& dir, const StoreOptions& options) {
  auto impl = std::make_unique<Impl>(options);
  Result<void> opened =
      options.read_only ? impl->OpenSecondary(dir) : impl->OpenPrimary(dir);
  if (!opened) return opened.error();
  if (auto bound = impl->BindFamilies(); !bound) return bound.error();
  auto state = LoadLogState(*impl->db, impl->families);
  if (!state) return state.error();
  impl->last_position = state->last_position;
  if (!options.read_only) {
    Impl* raw = impl.get();
    impl->writer = std::make_unique<Writer>(
        *impl->db, impl->families, std::move(*state), options,
        [raw](uint64_t position) { raw->PublishDurable(position); });
  }
  return std::unique_ptr<EventStore>(new EventStore(std::move(impl)));
}

EventStore::EventStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventStore::~EventStore() = default;

Result<AppendResult> EventStore::Append(
    AppendRequest request, std::optional<Idempotency> idempotency) {
  if (!impl_->writer) {
    return MakeError(ErrorCode::kUnavailable, "event store is read-only");
  }
  PendingAppend pending;
  pending.request = std::move(request);
  pending.idempotency = std::move(idempotency);
  return impl_->writer->Run(std::move(pending));
}

Result<AppendResult> EventStore::Submit(
    PrepareFn prepare, std::optional<Idempotency> idempotency) {
  if (!impl_->writer) {
    return MakeError(ErrorCode::kUnavailable, "event store is read-only");
  }
  PendingAppend pending;
  pending.prepare = std::move(prepare);
  pending.idempotency = std::move(idempotency);
  return impl_->writer->Run(std::move(pending));
}

void EventStore::SubmitAsync(PrepareFn prepare,
                             std::optional<Idempotency> idempotency,
                             AppendDoneFn done) {
  if (!impl_->writer) {
    done(MakeError(ErrorCode::kUnavailable, "event store is read-only"));
    return;
  }
  PendingAppend pending;
  pending.prepare = std::move(prepare);
  pending.idempotency = std::move(idempotency);
  pending.done = std::move(done);
  impl_->writer->Enqueue(std::move(pending));
}

void EventStore::SetObserver(GroupObserver* observer) {
  if (impl_->writer) impl_->writer->SetObserver(observer);
}

Result<void> EventStore::StartCompactions() {
  if (!impl_->options.defer_compactions || impl_->options.read_only) return {};
  rocksdb::Status s = impl_->db->EnableAutoCompaction(impl_->handles);
  if (!s.ok()) return FromRocksDb(s, "start compactions");
  return {};
}

bool EventStore::read_only() const { return impl_->options.read_only; }

StoreStats EventStore::Stats() const {
  return impl_->writer ? impl_->writer->Stats() : StoreStats{};
}

rocksdb::DB& EventStore::db() const { return *impl_->db; }

rocksdb::ColumnFamilyHandle* EventStore::column_family(
    const std::string& name) const {
  auto it = impl_->by_name.find(name);
  return it == impl_->by_name.end() ? nullptr : it->second;
}

}  // namespace keyledger::eventstore
