#ifndef KEYLEDGER_EVENTSTORE_ROCKSDB_ERRORS_H_
#define KEYLEDGER_EVENTSTORE_ROCKSDB_ERRORS_H_

#include <rocksdb/status.h>

#include <string_view>

#include "domain/error.h"

namespace keyledger::eventstore {

// The one mapping from a RocksDB status to our error. `what` names the
// operation ("append", "open /var/lib/keyledger", ...) and prefixes the
// message. REQUIRES: !status.ok().
domain::Error FromRocksDb(const rocksdb::Status& status, std::string_view what);

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_ROCKSDB_ERRORS_H_
