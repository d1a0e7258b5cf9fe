#include "projections/row_sink.h"

#include <rocksdb/db.h>

#include <utility>

#include "eventstore/event_store.h"
#include "eventstore/rocksdb_errors.h"

namespace keyledger::projections {
namespace {

// The family's options without compression. Rebuilt files land in L0 (the
// range deletion that dropped the old rows overlaps them), and the first
// compaction rewrites them with the family's compression, which is why
// RocksDB's tuning advice leaves the first levels uncompressed. Compressing
// here cost about 7% of a rebuild's CPU time.
rocksdb::Options OptionsFor(const eventstore::EventStore& store,
                            rocksdb::ColumnFamilyHandle* family) {
  rocksdb::Options options = store.db().GetOptions(family);
  options.compression = rocksdb::kNoCompression;
  return options;
}

// Starts writing a file's pages out while it is being built (every MiB),
// so that the sync when it is finished does not wait for all of it: the
// rebuild's files are hundreds of MB, written while the CPU still works.
rocksdb::EnvOptions WriteBehind() {
  rocksdb::EnvOptions options;
  options.bytes_per_sync = 1u << 20;
  return options;
}

}  // namespace

void MapSink::Add(std::string_view key, std::string_view value) {
  rows_.emplace_hint(rows_.end(), key, value);
}

SstSink::SstSink(const eventstore::EventStore& store, std::string_view family,
                 std::filesystem::path path)
    : family_(store.column_family(std::string(family))),
      // Keeps the written pages cached: ingestion and the first reads of the
      // view come right after.
      writer_(WriteBehind(), OptionsFor(store, family_), family_,
              /*invalidate_page_cache=*/false),
      path_(std::move(path)) {}

void SstSink::Add(std::string_view key, std::string_view value) {
  if (!status_.ok()) return;
  if (!opened_) {
    status_ = writer_.Open(path_.string());
    opened_ = status_.ok();
    if (!opened_) return;
  }
  status_ = writer_.Put(rocksdb::Slice(key.data(), key.size()),
                        rocksdb::Slice(value.data(), value.size()));
}

domain::Result<void> SstSink::Finish() {
  if (status_.ok() && opened_) status_ = writer_.Finish();
  if (!status_.ok()) {
    return eventstore::FromRocksDb(status_, "writing " + path_.string());
  }
  return {};
}

std::optional<std::string> SstSink::file() const {
  if (!opened_) return std::nullopt;
  return path_.string();
}

}  // namespace keyledger::projections
