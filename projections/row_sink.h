#ifndef KEYLEDGER_PROJECTIONS_ROW_SINK_H_
#define KEYLEDGER_PROJECTIONS_ROW_SINK_H_

// Where a rebuild puts the rows of a column family: an SST file, to be
// ingested into the family, or a map in memory (rebuild --verify).

#include <rocksdb/db.h>
#include <rocksdb/sst_file_writer.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.h"

namespace keyledger::eventstore {
class EventStore;
}

namespace keyledger::projections {

// Receives the rows of one column family, in strictly ascending key order.
// Thread-compatible.
class RowSink {
 public:
  virtual ~RowSink() = default;
  // A failure is kept for Finish, which reports the first one.
  virtual void Add(std::string_view key, std::string_view value) = 0;
  // After the last row.
  [[nodiscard]] virtual domain::Result<void> Finish() = 0;
};

// Column family name -> its sink (not owned).
using RowSinks = std::map<std::string_view, RowSink*>;

// Adds the rows to `rows`.
class MapSink : public RowSink {
 public:
  // REQUIRES: `rows` outlives the sink.
  explicit MapSink(std::map<std::string, std::string>& rows) : rows_(rows) {}

  void Add(std::string_view key, std::string_view value) override;
  domain::Result<void> Finish() override { return {}; }

 private:
  std::map<std::string, std::string>& rows_;
};

// Writes the rows to a new SST file at `path`, with the options of
// `family`, for Ingestion(). The file is created with the first row (RocksDB
// refuses empty files).
class SstSink : public RowSink {
 public:
  // REQUIRES: `store` outlives the sink.
  SstSink(const eventstore::EventStore& store, std::string_view family,
          std::filesystem::path path);

  void Add(std::string_view key, std::string_view value) override;
  domain::Result<void> Finish() override;

  // How to ingest the finished file (moving it); nullopt when no row came.
  std::optional<rocksdb::IngestExternalFileArg> Ingestion() const;

 private:
  rocksdb::ColumnFamilyHandle* family_;
  rocksdb::SstFileWriter writer_;
  std::filesystem::path path_;
  bool opened_ = false;  // the file exists, with a row at least
  rocksdb::Status status_;
};

}  // namespace keyledger::projections

#endif  // KEYLEDGER_PROJECTIONS_ROW_SINK_H_
