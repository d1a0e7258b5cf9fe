#include "eventstore/empty_wals.h"

#include <rocksdb/transaction_log.h>

#include <charconv>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace keyledger::eventstore {
namespace {

// The number of a WAL file's name ("000123.log"), or 0 for other names.
uint64_t WalNumber(const std::filesystem::path& path) {
  if (path.extension() != ".log") return 0;
  const std::string stem = path.stem().string();
  uint64_t number = 0;
  const auto [end, ec] =
      std::from_chars(stem.data(), stem.data() + stem.size(), number);
  return ec == std::errc() && end == stem.data() + stem.size() ? number : 0;
}

}  // namespace

void RemoveEmptyOldWals(rocksdb::DB& db) {
  std::unique_ptr<rocksdb::LogFile> live;
  if (!db.GetCurrentWalFile(&live).ok() || live == nullptr) return;
  const std::string wal_dir = db.GetDBOptions().wal_dir;
  std::error_code ec;
  std::filesystem::directory_iterator it(
      wal_dir.empty() ? db.GetName() : wal_dir, ec);
  for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    const uint64_t number = WalNumber(it->path());
    std::error_code size_ec;
    if (number != 0 && number < live->LogNumber() &&
        it->file_size(size_ec) == 0 && !size_ec) {
      std::error_code remove_ec;
      std::filesystem::remove(it->path(), remove_ec);
    }
  }
}

}  // namespace keyledger::eventstore
