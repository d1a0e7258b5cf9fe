#include "eventstore/rocksdb_errors.h"

#include <string>

namespace keyledger::eventstore {
namespace {

using domain::ErrorCode;
using Code = rocksdb::Status::Code;
using SubCode = rocksdb::Status::SubCode;

struct Mapping {
  Code code;
  ErrorCode error;
  std::string_view text;
};

// RocksDB code -> our code and a short, stable explanation.
constexpr Mapping kMappings[] = {
    {Code::kIOError, ErrorCode::kUnavailable, "storage I/O error"},
    {Code::kBusy, ErrorCode::kUnavailable, "storage is busy"},
    {Code::kTimedOut, ErrorCode::kUnavailable, "storage timed out"},
    {Code::kTryAgain, ErrorCode::kUnavailable, "storage asks to try again"},
    {Code::kShutdownInProgress, ErrorCode::kUnavailable, "storage is closing"},
    {Code::kAborted, ErrorCode::kUnavailable, "storage operation aborted"},
    {Code::kIncomplete, ErrorCode::kUnavailable,
     "storage operation incomplete"},
    {Code::kCorruption, ErrorCode::kInternal, "storage corruption"},
    {Code::kNotFound, ErrorCode::kNotFound, "not found"},
    {Code::kNotSupported, ErrorCode::kInternal, "operation not supported"},
    {Code::kInvalidArgument, ErrorCode::kInternal, "invalid storage argument"},
};

bool IsLockError(const rocksdb::Status& status) {
  if (status.subcode() == SubCode::kLockTimeout) return true;
  if (!status.IsIOError()) return false;
  const std::string text = status.ToString();
  // RocksDB reports a held LOCK file as an IOError from the lock call.
  return text.find("lock") != std::string::npos ||
         text.find("LOCK") != std::string::npos;
}

}  // namespace

domain::Error FromRocksDb(const rocksdb::Status& status,
                          std::string_view what) {
  std::string prefix = std::string(what) + ": ";
  if (IsLockError(status)) {
    return domain::MakeError(
        ErrorCode::kUnavailable,
        prefix + "data directory is in use by another process");
  }
  if (status.IsNoSpace()) {
    return domain::MakeError(ErrorCode::kUnavailable, prefix + "disk is full");
  }
  for (const Mapping& m : kMappings) {
    if (status.code() == m.code) {
      return domain::MakeError(m.error, prefix + std::string(m.text) + " (" +
                                            status.ToString() + ")");
    }
  }
  return domain::MakeError(ErrorCode::kInternal, prefix + "storage error (" +
                                                     status.ToString() + ")");
}

}  // namespace keyledger::eventstore
