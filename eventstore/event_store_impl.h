#ifndef KEYLEDGER_EVENTSTORE_EVENT_STORE_IMPL_H_
#define KEYLEDGER_EVENTSTORE_EVENT_STORE_IMPL_H_

// Internal: the state behind EventStore, shared by event_store.cc (open,
// appends) and store_reads.cc (reads).

#include <rocksdb/db.h>

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "eventstore/event_store.h"
#include "eventstore/log_state.h"
#include "eventstore/writer.h"

namespace keyledger::eventstore {

class EventStore::Impl {
 public:
  explicit Impl(const StoreOptions& options) : options(options) {}
  // Stops the writer, then releases the handles before the database.
  ~Impl();

  // Open steps: the database (read-write or as a secondary), then the log's
  // family handles.
  [[nodiscard]] Result<void> OpenPrimary(const std::string& dir);
  [[nodiscard]] Result<void> OpenSecondary(const std::string& dir);
  [[nodiscard]] Result<void> BindFamilies();

  // Makes `position` the last durable position and wakes waiters.
  void PublishDurable(uint64_t position);

  const StoreOptions options;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // owned
  std::map<std::string, rocksdb::ColumnFamilyHandle*, std::less<>> by_name;
  LogFamilies families;
  std::unique_ptr<Writer> writer;  // null when read-only

  std::atomic<uint64_t> last_position{0};
  mutable std::mutex durable_mu;
  mutable std::condition_variable durable_cv;
};

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_EVENT_STORE_IMPL_H_
