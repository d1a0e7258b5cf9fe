#ifndef KEYLEDGER_PROJECTIONS_VIEW_KEYS_H_
#define KEYLEDGER_PROJECTIONS_VIEW_KEYS_H_

// Key grammar of the projection column families (u64/i64 = 8 bytes
// big-endian, see eventstore/key_encoding.h; rows are views.v1 messages):
//
//   view_keys              'i' u64 key_id              -> KeyRow
//                          'n' u64 org_id name         -> u64 key_id
//                          'h' hash_hex                -> u64 key_id
//   view_service_accounts  'i' u64 sa_id               -> ServiceAccountRow
//                          'l' u64 org_id login        -> u64 sa_id
//   view_identity          'o' u64 org_id              -> OrgRow
//                          'u' u64 user_id             -> UserRow
//                          'c'                         -> Counters
//   view_audit             u64 position                -> AuditRow
//   view_audit_by_org      u64 org_id u64 position     -> (empty)
//   checkpoints            view name                   -> u64 position
//
// View names: "keys", "service-accounts", "identity", "audit". The keys,
// service-accounts and identity views together hold the domain State; each
// view's checkpoint is written in the same batch as its rows.

#include <cstdint>
#include <string>
#include <string_view>

#include "eventstore/key_encoding.h"

namespace keyledger::projections {

inline constexpr std::string_view kKeysView = "keys";
inline constexpr std::string_view kServiceAccountsView = "service-accounts";
inline constexpr std::string_view kIdentityView = "identity";
inline constexpr std::string_view kAuditView = "audit";

// Append a tagged row key to `key`: tag and id, or tag, org id and name.
inline void AppendTaggedIdKey(std::string& key, char tag, int64_t id) {
  key.push_back(tag);
  eventstore::PutBigEndian64(key, static_cast<uint64_t>(id));
}

inline void AppendTaggedOrgNameKey(std::string& key, char tag, int64_t org_id,
                                   std::string_view name) {
  AppendTaggedIdKey(key, tag, org_id);
  key.append(name);
}

inline std::string EncodeU64(uint64_t value) {
  std::string out;
  eventstore::PutBigEndian64(out, value);
  return out;
}

inline std::string AuditByOrgKey(int64_t org_id, uint64_t position) {
  std::string key = EncodeU64(static_cast<uint64_t>(org_id));
  eventstore::PutBigEndian64(key, position);
  return key;
}

}  // namespace keyledger::projections

#endif  // KEYLEDGER_PROJECTIONS_VIEW_KEYS_H_
