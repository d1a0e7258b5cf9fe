#include "projections/rebuild.h"

#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "eventstore/column_families.h"
#include "eventstore/event_store.h"
#include "eventstore/rocksdb_errors.h"
#include "projections/log_replay.h"
#include "projections/row_sink.h"
#include "projections/view_keys.h"
#include "projections/view_writer.h"

namespace keyledger::projections {
namespace {

namespace cf = eventstore::cf;
using domain::Error;
using domain::ErrorCode;
using domain::Result;

const std::string kKeySpaceEnd(16, '\xff');
// Where a rebuild writes its SST files: in the data directory, so that
// ingesting them moves them without a copy.
constexpr std::string_view kScratchDir = "rebuild-sst";

// ---- rows written after the replay ----

void ForEachAuditByOrgRow(const PositionsByOrg& by_org, const RowFn& row) {
  for (const auto& [org_id, positions] : by_org) {
    for (uint64_t position : positions) {
      row(AuditByOrgKey(static_cast<int64_t>(org_id), position), "");
    }
  }
}

// Writes the rows that exist only once the log is replayed: those of the
// state views in `views`, and audit_by_org (with the audit view). Each part
// of a family's rows is written to a sink of its own, on a thread of its
// own: these rows are about half of a rebuild's work.
Result<void> WriteFinalRows(const LogReplay& replayed, ViewSet views,
                            const SinkMaker& new_sink) {
  std::vector<std::future<Result<void>>> writes;
  auto write = [&writes](RowProducer part, RowSink* sink) {
    writes.push_back(
        std::async(std::launch::async, [part = std::move(part), sink] {
          part([sink](std::string_view key, std::string_view value) {
            sink->Add(key, value);
          });
          return sink->Finish();
        }));
  };
  if (views.Has(View::kAudit)) {
    write(
        [&](const RowFn& row) {
          ForEachAuditByOrgRow(replayed.audit_by_org, row);
        },
        new_sink(cf::kViewAuditByOrg));
  }
  for (View view : {View::kKeys, View::kServiceAccounts, View::kIdentity}) {
    if (!views.Has(view)) continue;
    for (RowProducer& part : StateRowParts(replayed.state, view)) {
      write(std::move(part), new_sink(ViewColumnFamilies(view).front()));
    }
  }
  Result<void> result;
  for (auto& w : writes) {
    if (auto r = w.get(); !r && result) result = r;
  }
  return result;
}

// Replays the log into sinks from `new_sink`.
Result<LogReplay> ReplayInto(const eventstore::EventStore& store, ViewSet views,
                             Capacity capacity, const SinkMaker& new_sink,
                             const ProgressFn& progress) {
  RowSink* audit = views.Has(View::kAudit) ? new_sink(cf::kViewAudit) : nullptr;
  auto replayed = ReplayLog(store, audit, capacity, progress);
  if (!replayed) return replayed.error();
  if (auto w = WriteFinalRows(*replayed, views, new_sink); !w) {
    return w.error();
  }
  return replayed;
}

// The column families of `views`.
std::vector<std::string_view> FamiliesOf(ViewSet views) {
  std::vector<std::string_view> families;
  for (View view : kAllViews) {
    if (!views.Has(view)) continue;
    for (std::string_view family : ViewColumnFamilies(view)) {
      families.push_back(family);
    }
  }
  return families;
}

// ---- rebuild steps ----

// Drops the rows and the checkpoints of `views`, durably: if the rebuild
// dies midway, the views restart from position 0 instead of trusting partial
// rows under an old checkpoint.
Result<void> DropViews(eventstore::EventStore& store, ViewSet views) {
  rocksdb::WriteBatch batch;
  for (std::string_view family : FamiliesOf(views)) {
    batch.DeleteRange(store.column_family(std::string(family)), "",
                      kKeySpaceEnd);
  }
  for (View view : kAllViews) {
    if (views.Has(view)) {
      batch.Delete(store.column_family(std::string(cf::kCheckpoints)),
                   std::string(ViewName(view)));
    }
  }
  rocksdb::WriteOptions options;
  options.sync = true;
  rocksdb::Status s = store.db().Write(options, &batch);
  if (!s.ok()) return eventstore::FromRocksDb(s, "dropping views");
  // Frees the old rows' space now rather than at some compaction; whatever
  // this leaves (files in L0) stays hidden by the range deletions.
  for (std::string_view family : FamiliesOf(views)) {
    s = rocksdb::DeleteFilesInRange(&store.db(),
                                    store.column_family(std::string(family)),
                                    nullptr, nullptr);
    if (!s.ok()) return eventstore::FromRocksDb(s, "dropping view files");
  }
  return {};
}

// The scratch directory of a rebuild, emptied of whatever a killed rebuild
// left there.
Result<std::filesystem::path> MakeScratchDir(
    const eventstore::EventStore& store) {
  const std::filesystem::path dir =
      std::filesystem::path(store.db().GetName()) / kScratchDir;
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (!ec) std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Error{ErrorCode::kUnavailable,
                 "cannot create " + dir.string() + ": " + ec.message()};
  }
  return dir;
}

// Moves the files of `sinks` into their families, all in one atomic step.
Result<void> Ingest(eventstore::EventStore& store,
                    const std::vector<std::unique_ptr<SstSink>>& sinks) {
  std::map<rocksdb::ColumnFamilyHandle*, rocksdb::IngestExternalFileArg> args;
  for (const auto& sink : sinks) {
    std::optional<std::string> file = sink->file();
    if (!file) continue;
    rocksdb::IngestExternalFileArg& arg = args[sink->family()];
    arg.column_family = sink->family();
    arg.external_files.push_back(std::move(*file));
    arg.options.move_files = true;
    // The files' sequence number is kept in the MANIFEST; writing it into
    // the files as well only matters to RocksDB older than 5.16.
    arg.options.write_global_seqno = false;
  }
  std::vector<rocksdb::IngestExternalFileArg> all;
  for (auto& [family, arg] : args) all.push_back(std::move(arg));
  if (all.empty()) return {};
  rocksdb::Status s = store.db().IngestExternalFiles(all);
  if (!s.ok()) return eventstore::FromRocksDb(s, "adding the rebuilt views");
  return {};
}

// Replays the log into SST files in `dir`, then ingests them together with
// the views' checkpoints: a crash leaves either all of the rows and
// checkpoints or none, never rows without checkpoints (onto which the next
// open would replay the log once more).
Result<domain::State> RebuildInto(eventstore::EventStore& store, ViewSet views,
                                  Capacity capacity, const ProgressFn& progress,
                                  const std::filesystem::path& dir) {
  std::vector<std::unique_ptr<SstSink>> files;
  auto new_sink = [&](std::string_view family) {
    const std::string name =
        std::string(family) + "-" + std::to_string(files.size()) + ".sst";
    return files
        .emplace_back(std::make_unique<SstSink>(store, family, dir / name))
        .get();
  };
  auto replayed = ReplayInto(store, views, capacity, new_sink, progress);
  if (!replayed) return replayed.error();
  RowSink* checkpoints = new_sink(cf::kCheckpoints);
  ForEachCheckpointRow(replayed->position, views,
                       [&](std::string_view key, std::string_view value) {
                         checkpoints->Add(key, value);
                       });
  if (auto w = checkpoints->Finish(); !w) return w.error();
  if (auto i = Ingest(store, files); !i) return i.error();
  return std::move(replayed->state);
}

// A key for people: printable bytes as they are, others as \xNN.
std::string HexKey(std::string_view key) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : key) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace

Result<domain::State> RebuildViews(eventstore::EventStore& store, ViewSet views,
                                   const ProgressFn& progress) {
  const Capacity capacity = ReadCapacity(store);  // before the drop
  if (auto d = DropViews(store, views); !d) return d.error();
  auto dir = MakeScratchDir(store);
  if (!dir) return dir.error();
  auto rebuilt = RebuildInto(store, views, capacity, progress, *dir);
  std::error_code ec;
  std::filesystem::remove_all(*dir, ec);  // what a failure left behind
  return rebuilt;
}

Result<ViewRows> ComputeViewRows(const eventstore::EventStore& store,
                                 ViewSet views, const ProgressFn& progress) {
  std::vector<std::pair<std::string_view, std::unique_ptr<MapSink>>> parts;
  auto new_sink = [&parts](std::string_view family) {
    return parts.emplace_back(family, std::make_unique<MapSink>()).second.get();
  };
  auto replayed =
      ReplayInto(store, views, ReadCapacity(store), new_sink, progress);
  if (!replayed) return replayed.error();
  ViewRows rows;
  for (std::string_view family : FamiliesOf(views)) {
    rows.try_emplace(std::string(family));
  }
  for (auto& [family, part] : parts) {
    rows[std::string(family)].merge(part->rows());
  }
  return rows;
}

Result<ViewRows> ReadViewRows(const eventstore::EventStore& store, ViewSet views) {
  ViewRows rows;
  for (View view : kAllViews) {
    if (!views.Has(view)) continue;
    for (std::string_view family : ViewColumnFamilies(view)) {
      auto& out = rows[std::string(family)];
      rocksdb::Slice upper(kKeySpaceEnd);
      rocksdb::ReadOptions options;
      options.iterate_upper_bound = &upper;
      std::unique_ptr<rocksdb::Iterator> it(store.db().NewIterator(
          options, store.column_family(std::string(family))));
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        out[it->key().ToString()] = it->value().ToString();
      }
      if (!it->status().ok()) {
        return Error{ErrorCode::kUnavailable, it->status().ToString()};
      }
    }
  }
  return rows;
}

std::vector<std::string> DiffViewRows(const ViewRows& expected,
                                      const ViewRows& actual, size_t limit) {
  std::vector<std::string> diffs;
  auto note = [&](std::string text) {
    if (diffs.size() < limit) diffs.push_back(std::move(text));
  };
  static const std::map<std::string, std::string> kEmpty;
  std::set<std::string> families;
  for (const auto& [family, rows] : expected) families.insert(family);
  for (const auto& [family, rows] : actual) families.insert(family);
  for (const std::string& family : families) {
    auto e = expected.find(family);
    auto a = actual.find(family);
    const auto& want = e == expected.end() ? kEmpty : e->second;
    const auto& have = a == actual.end() ? kEmpty : a->second;
    for (const auto& [key, value] : want) {
      auto it = have.find(key);
      if (it == have.end()) {
        note(family + ": missing row " + HexKey(key));
      } else if (it->second != value) {
        note(family + ": row " + HexKey(key) + " differs");
      }
    }
    for (const auto& [key, value] : have) {
      if (!want.contains(key)) note(family + ": unexpected row " + HexKey(key));
    }
  }
  return diffs;
}

}  // namespace keyledger::projections
