#include "projections/row_sink.h"

#include <rocksdb/db.h>

#include <utility>

#include "eventstore/event_store.h"
#include "eventstore/rocksdb_errors.h"

namespace keyledger::projections {

void MapSink::Add(std::string_view key, std::string_view value) {
  rows_.emplace_hint(rows_.end(), key, value);
}

SstSink::SstSink(const eventstore::EventStore& store, std::string_view family,
                 std::filesystem::path path)
    : family_(store.column_family(std::string(family))),
      // Keeps the written pages cached: ingestion and the first reads of the
      // view come right after.
      writer_(rocksdb::EnvOptions(), store.db().GetOptions(family_), family_,
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

std::optional<rocksdb::IngestExternalFileArg> SstSink::Ingestion() const {
  if (!opened_) return std::nullopt;
  rocksdb::IngestExternalFileArg arg;
  arg.column_family = family_;
  arg.external_files = {path_.string()};
  arg.options.move_files = true;
  // The file's sequence number is kept in the MANIFEST; writing it into the
  // file as well only matters to RocksDB older than 5.16.
  arg.options.write_global_seqno = false;
  return arg;
}

}  // namespace keyledger::projections
