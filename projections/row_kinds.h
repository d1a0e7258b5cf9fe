#ifndef KEYLEDGER_PROJECTIONS_ROW_KINDS_H_
#define KEYLEDGER_PROJECTIONS_ROW_KINDS_H_

// The rows of each kind of record in the state views (grammar in
// view_keys.h), for projections' own files: ViewWriter::Apply maintains
// them and StateRowParts (state_rows.cc) writes them all for a rebuild,
// both from these tables, which keeps rebuilt views byte for byte equal to
// incrementally maintained ones.

#include <string>
#include <string_view>

#include "domain/state.h"
#include "projections/row_codec.h"
#include "projections/view_keys.h"

namespace keyledger::projections::rows {

using domain::KeyRecord;
using domain::OrgRecord;
using domain::ServiceAccountRecord;
using domain::UserRecord;

// One row that every record of a kind has, e.g. a key's 'h' row.
template <typename Record>
struct RowKind {
  void (*append_key)(const Record&, std::string& key);
  std::string (*value)(const Record&);
  bool holds_record = false;  // the value is the record (else its id)

  std::string key(const Record& r) const {
    std::string key;
    append_key(r, key);
    return key;
  }
  // The key in `buffer`, whose memory serves from one row to the next.
  const std::string& KeyIn(const Record& r, std::string& buffer) const {
    buffer.clear();
    append_key(r, buffer);
    return buffer;
  }
};

template <typename Record>
inline std::string IdValue(const Record& r) {
  return EncodeU64(static_cast<uint64_t>(r.id));
}

// A key's rows: by hash, by id, and by org and name.
inline constexpr RowKind<KeyRecord> kKeyHashRow = {
    [](const KeyRecord& r, std::string& key) {
      key.push_back('h');
      r.hash.hex.AppendTo(key);
    },
    &IdValue<KeyRecord>};
inline constexpr RowKind<KeyRecord> kKeyIdRow = {
    [](const KeyRecord& r, std::string& key) {
      AppendTaggedIdKey(key, 'i', r.id);
    },
    &SerializeKey, true};
inline constexpr RowKind<KeyRecord> kKeyNameRow = {
    [](const KeyRecord& r, std::string& key) {
      AppendTaggedOrgNameKey(key, 'n', r.org_id, r.name);
    },
    &IdValue<KeyRecord>};
inline constexpr RowKind<KeyRecord> kKeyRows[] = {kKeyHashRow, kKeyIdRow, kKeyNameRow};

// A service account's rows: by id, and by org and login.
inline constexpr RowKind<ServiceAccountRecord> kServiceAccountIdRow = {
    [](const ServiceAccountRecord& r, std::string& key) {
      AppendTaggedIdKey(key, 'i', r.id);
    },
    &SerializeServiceAccount, true};
inline constexpr RowKind<ServiceAccountRecord> kServiceAccountLoginRow = {
    [](const ServiceAccountRecord& r, std::string& key) {
      AppendTaggedOrgNameKey(key, 'l', r.org_id, r.login);
    },
    &IdValue<ServiceAccountRecord>};
inline constexpr RowKind<ServiceAccountRecord> kServiceAccountRows[] = {
    kServiceAccountIdRow, kServiceAccountLoginRow};

inline constexpr RowKind<OrgRecord> kOrgRow = {
    [](const OrgRecord& r, std::string& key) {
      AppendTaggedIdKey(key, 'o', r.id);
    },
    &SerializeOrg};

inline constexpr RowKind<UserRecord> kUserRow = {
    [](const UserRecord& r, std::string& key) {
      AppendTaggedIdKey(key, 'u', r.id);
    },
    &SerializeUser};

inline constexpr std::string_view kCountersKey = "c";

}  // namespace keyledger::projections::rows

#endif  // KEYLEDGER_PROJECTIONS_ROW_KINDS_H_
