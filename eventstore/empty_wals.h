#ifndef KEYLEDGER_EVENTSTORE_EMPTY_WALS_H_
#define KEYLEDGER_EVENTSTORE_EMPTY_WALS_H_

#include <rocksdb/db.h>

namespace keyledger::eventstore {

// Removes the empty WAL files older than `db`'s live one.
//
// RocksDB 7.8 (Debian 12's) starts a new WAL file on every open and, when
// the previous one holds nothing, never marks that one obsolete (fixed in
// RocksDB 8.3, facebook/rocksdb#11409): a server restarted often, or in a
// crash loop, would gather one empty file per start forever. An empty file
// holds nothing to recover. REQUIRES: `db` is open as primary, so that it
// holds the directory's lock and no other process writes these files.
// Best effort: a file that cannot be removed is left for the next open.
void RemoveEmptyOldWals(rocksdb::DB& db);

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_EMPTY_WALS_H_
