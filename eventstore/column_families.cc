#include "eventstore/column_families.h"

#include <rocksdb/db.h>
#include <rocksdb/slice_transform.h>

#include <algorithm>
#include <string>

namespace keyledger::eventstore::cf {

const std::vector<std::string_view>& All() {
  static const std::vector<std::string_view> kAll = {
      kEvents,    kStreams,        kStreamHeads,         kIdempotency,
      kMeta,      kViewKeys,       kViewServiceAccounts, kViewIdentity,
      kViewAudit, kViewAuditByOrg, kCheckpoints,
  };
  return kAll;
}

namespace {

rocksdb::ColumnFamilyOptions OptionsFor(std::string_view name) {
  rocksdb::ColumnFamilyOptions options;
  if (name == kEvents) {
    // Appended in key order and rarely overwritten: no need to compact early.
    options.level_compaction_dynamic_level_bytes = true;
  }
  if (name == kViewKeys || name == kViewServiceAccounts) {
    // A record's rows go to several places in one family, each under its
    // own one-byte tag (a key's by hash, by id, by org and name): one
    // memtable insert hint per tag, so that an insert in key order after
    // the tag's last one does not search the skip list from its top.
    options.memtable_insert_with_hint_prefix_extractor.reset(
        rocksdb::NewFixedPrefixTransform(1));
  }
  return options;
}

}  // namespace

std::vector<rocksdb::ColumnFamilyDescriptor> Descriptors(
    const std::vector<std::string>& extra) {
  std::vector<rocksdb::ColumnFamilyDescriptor> out;
  out.emplace_back(rocksdb::kDefaultColumnFamilyName,
                   rocksdb::ColumnFamilyOptions());
  for (std::string_view name : All()) {
    out.emplace_back(std::string(name), OptionsFor(name));
  }
  for (const std::string& name : extra) {
    bool known = name == rocksdb::kDefaultColumnFamilyName ||
                 std::find(All().begin(), All().end(), name) != All().end();
    if (!known) out.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  return out;
}

}  // namespace keyledger::eventstore::cf
