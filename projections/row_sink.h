#ifndef KEYLEDGER_PROJECTIONS_ROW_SINK_H_
#define KEYLEDGER_PROJECTIONS_ROW_SINK_H_

// Where a rebuild puts the rows of a column family: an SST file, to be
// ingested into the family, or a map in memory (rebuild --verify).

#include <rocksdb/db.h>
#include <rocksdb/sst_file_writer.h>

#include <filesystem>
#include <functional>
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

// A new sink for rows of the column family `family`; it lives as long as
// the maker. A family's rows may come in parts, each to a sink of its own
// and in a key range of its own.
using SinkMaker = std::function<RowSink*(std::string_view family)>;

// Keeps the rows in memory.
class MapSink : public RowSink {
 public:
  void Add(std::string_view key, std::string_view value) override;
  domain::Result<void> Finish() override { return {}; }

  std::map<std::string, std::string>& rows() { return rows_; }

 private:
  std::map<std::string, std::string> rows_;
};

// Writes the rows to a new SST file at `path`, to be ingested into `family`:
// with the family's options, uncompressed (see OptionsFor). The file is
// created with the first row (RocksDB refuses empty files).
class SstSink : public RowSink {
 public:
  // REQUIRES: `store` outlives the sink.
  SstSink(const eventstore::EventStore& store, std::string_view family,
          std::filesystem::path path);

  void Add(std::string_view key, std::string_view value) override;
  domain::Result<void> Finish() override;

  rocksdb::ColumnFamilyHandle* family() const { return family_; }
  // The finished file; nullopt when no row came.
  std::optional<std::string> file() const;

 private:
  rocksdb::ColumnFamilyHandle* family_;
  rocksdb::SstFileWriter writer_;
  std::filesystem::path path_;
  bool opened_ = false;  // the file exists, with a row at least
  rocksdb::Status status_;
};

}  // namespace keyledger::projections

#endif  // KEYLEDGER_PROJECTIONS_ROW_SINK_H_
