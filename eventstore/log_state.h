#ifndef KEYLEDGER_EVENTSTORE_LOG_STATE_H_
#define KEYLEDGER_EVENTSTORE_LOG_STATE_H_

// Internal: the log's column families, its committed in-memory state, and the
// raw reads shared by the writer, the readers and verify.

#include <rocksdb/db.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/error.h"
#include "eventstore/log_rows.h"
#include "eventstore/recorded_event.h"

namespace keyledger::eventstore {

// Handles of the log's families; owned by the store, never null once open.
struct LogFamilies {
  rocksdb::ColumnFamilyHandle* events = nullptr;
  rocksdb::ColumnFamilyHandle* streams = nullptr;
  rocksdb::ColumnFamilyHandle* stream_heads = nullptr;
  rocksdb::ColumnFamilyHandle* idempotency = nullptr;
  rocksdb::ColumnFamilyHandle* meta = nullptr;
};

// What has been committed: the log's head and every stream's last version.
struct LogState {
  uint64_t last_position = 0;
  std::string head_hash;  // hash of the last event; zeros when empty
  std::unordered_map<std::string, uint64_t> stream_heads;
};

// Loads the committed state. The last event of "events" is the truth for the
// head (it is written in the same batch as "meta", which tools may read).
[[nodiscard]] domain::Result<LogState> LoadLogState(rocksdb::DB& db,
                                                    const LogFamilies& f);

// The last position in "events" (0 when empty).
[[nodiscard]] domain::Result<uint64_t> ReadLastPosition(rocksdb::DB& db,
                                                        const LogFamilies& f);

// The recorded row of an idempotency key, if any.
[[nodiscard]] domain::Result<std::optional<IdempotencyRow>> LookupIdempotency(
    rocksdb::DB& db, const LogFamilies& f, const std::string& key);

// Events at positions [first, last] in order. kInternal when one is missing.
[[nodiscard]] domain::Result<std::vector<RecordedEvent>> ReadPositions(
    rocksdb::DB& db, const LogFamilies& f, uint64_t first, uint64_t last);

// The event at `position`; kNotFound when there is none.
[[nodiscard]] domain::Result<RecordedEvent> ReadEvent(rocksdb::DB& db,
                                                      const LogFamilies& f,
                                                      uint64_t position);

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_LOG_STATE_H_
