#ifndef KEYLEDGER_TOOLS_STORE_ACCESS_H_
#define KEYLEDGER_TOOLS_STORE_ACCESS_H_

#include <memory>
#include <string>

#include "domain/error.h"
#include "eventstore/event_store.h"

namespace keyledger::tools {

// A read-only view of a data directory that works while a server writes to
// it (a RocksDB secondary in a scratch directory, removed on destruction).
class ReadOnlyStore {
 public:
  [[nodiscard]] static domain::Result<std::unique_ptr<ReadOnlyStore>> Open(
      const std::string& data_dir);
  ~ReadOnlyStore();
  eventstore::EventStore& store() { return *store_; }

 private:
  std::string scratch_dir_;
  std::unique_ptr<eventstore::EventStore> store_;
};

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_STORE_ACCESS_H_
