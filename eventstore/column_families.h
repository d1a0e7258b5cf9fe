#ifndef KEYLEDGER_EVENTSTORE_COLUMN_FAMILIES_H_
#define KEYLEDGER_EVENTSTORE_COLUMN_FAMILIES_H_

// Every column family of the database, declared once; all of them are opened
// together so that one WriteBatch can span them (they share the WAL).
//
// Key grammar (u64 = 8 bytes big-endian, see key_encoding.h):
//
//   events        u64 position                -> Envelope (keyledger.store.v1)
//   streams       stream_id 0x00 u64 version  -> u64 position
//   stream_heads  stream_id                   -> u64 version
//   idempotency   key                         -> IdempotencyRow (log_rows.h):
//                                                u64 first_position
//                                                u64 last_position
//                                                u64 stream_version
//                                                fingerprint (rest)
//   meta          "head"                      -> HeadRow (log_rows.h):
//                                                u64 last_position
//                                                32-byte hash of that event
//
// Stream ids are non-empty and never contain 0x00. Positions and versions
// start at 1. The view_* and checkpoints families belong to projections/,
// which writes its own grammar at the top of the files that own them.

#include <rocksdb/db.h>

#include <string>
#include <string_view>
#include <vector>

namespace keyledger::eventstore::cf {

inline constexpr std::string_view kEvents = "events";
inline constexpr std::string_view kStreams = "streams";
inline constexpr std::string_view kStreamHeads = "stream_heads";
inline constexpr std::string_view kIdempotency = "idempotency";
inline constexpr std::string_view kMeta = "meta";
inline constexpr std::string_view kViewKeys = "view_keys";
inline constexpr std::string_view kViewServiceAccounts =
    "view_service_accounts";
inline constexpr std::string_view kViewIdentity = "view_identity";
inline constexpr std::string_view kViewAudit = "view_audit";
inline constexpr std::string_view kViewAuditByOrg = "view_audit_by_org";
inline constexpr std::string_view kCheckpoints = "checkpoints";

// The "meta" key of the head row.
inline constexpr std::string_view kMetaHeadKey = "head";

// All families above, in a fixed order (RocksDB's "default" is not listed).
const std::vector<std::string_view>& All();

// Descriptors for opening the database: "default", every family of All(),
// and any `extra` family found on disk (from a newer version), which must be
// opened too. Options are tuned per family here.
std::vector<rocksdb::ColumnFamilyDescriptor> Descriptors(
    const std::vector<std::string>& extra = {});

}  // namespace keyledger::eventstore::cf

#endif  // KEYLEDGER_EVENTSTORE_COLUMN_FAMILIES_H_
