#include "tools/store_access.h"

#include <stdlib.h>

#include <filesystem>

namespace keyledger::tools {

domain::Result<std::unique_ptr<ReadOnlyStore>> ReadOnlyStore::Open(
    const std::string& data_dir) {
  if (!std::filesystem::exists(std::filesystem::path(data_dir) / "CURRENT")) {
    return domain::Error{domain::ErrorCode::kNotFound,
                         "no keyledger data in " + data_dir};
  }
  std::string scratch = (std::filesystem::temp_directory_path() /
                         "keyledger-secondary-XXXXXX").string();
  if (mkdtemp(scratch.data()) == nullptr) {
    return domain::Error{domain::ErrorCode::kUnavailable,
                         "cannot create a scratch directory"};
  }
  std::unique_ptr<ReadOnlyStore> result(new ReadOnlyStore());
  result->scratch_dir_ = scratch;
  eventstore::StoreOptions options;
  options.read_only = true;
  options.secondary_dir = scratch;
  auto store = eventstore::EventStore::Open(data_dir, options);
  if (!store) return store.error();
  result->store_ = std::move(*store);
  if (auto r = result->store_->CatchUpWithPrimary(); !r) return r.error();
  return result;
}

ReadOnlyStore::~ReadOnlyStore() {
  store_.reset();
  std::error_code ec;
  std::filesystem::remove_all(scratch_dir_, ec);
}

}  // namespace keyledger::tools
