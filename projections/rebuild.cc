#include "projections/rebuild.h"

#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <future>
#include <memory>
#include <set>
#include <utility>

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

// Rows kept for later. Their bytes go to large chunks: a million rows in
// two million strings would cost about as much to allocate as to write, and
// one growing string would copy itself over and over.
class RowBuffer {
 public:
  void Add(std::string_view key, std::string_view value) {
    rows_.push_back({Store(key), Store(value)});
  }

  void WriteTo(RowSink& sink) const {
    for (const auto& [key, value] : rows_) sink.Add(key, value);
  }

 private:
  static constexpr size_t kChunkBytes = 1 << 20;

  std::string_view Store(std::string_view bytes) {
    if (chunks_.empty() ||
        chunks_.back().capacity() - chunks_.back().size() < bytes.size()) {
      chunks_.emplace_back().reserve(std::max(kChunkBytes, bytes.size()));
    }
    std::string& chunk = chunks_.back();
    chunk.append(bytes);
    return std::string_view(chunk).substr(chunk.size() - bytes.size());
  }

  // Each chunk is filled within its capacity, so its bytes never move.
  std::vector<std::string> chunks_;
  std::vector<std::pair<std::string_view, std::string_view>> rows_;
};

// Writes the rows of `parts` (in key order, part after part) to `sink`.
// The parts after the first are produced into buffers on threads of their
// own while the first streams into the sink.
Result<void> WriteParts(const std::vector<RowProducer>& parts, RowSink& sink) {
  std::vector<std::future<RowBuffer>> later;
  for (size_t i = 1; i < parts.size(); ++i) {
    later.push_back(std::async(std::launch::async, [&part = parts[i]] {
      RowBuffer buffer;
      part([&buffer](std::string_view key, std::string_view value) {
        buffer.Add(key, value);
      });
      return buffer;
    }));
  }
  if (!parts.empty()) {
    parts.front()([&sink](std::string_view key, std::string_view value) {
      sink.Add(key, value);
    });
  }
  for (auto& buffer : later) buffer.get().WriteTo(sink);
  return sink.Finish();
}

Result<void> WriteAuditByOrg(const PositionsByOrg& by_org, RowSink& sink) {
  for (const auto& [org_id, positions] : by_org) {
    for (uint64_t position : positions) {
      sink.Add(AuditByOrgKey(static_cast<int64_t>(org_id), position), "");
    }
  }
  return sink.Finish();
}

// Writes the rows that exist only once the log is replayed: those of the
// state views in `views`, and audit_by_org (with the audit view). Each
// family is written on a thread of its own.
Result<void> WriteFinalRows(const LogReplay& replayed, ViewSet views,
                            const RowSinks& sinks) {
  std::vector<std::future<Result<void>>> writes;
  if (views.Has(View::kAudit)) {
    writes.push_back(std::async(std::launch::async, [&] {
      return WriteAuditByOrg(replayed.audit_by_org,
                             *sinks.at(cf::kViewAuditByOrg));
    }));
  }
  for (View view : {View::kKeys, View::kServiceAccounts, View::kIdentity}) {
    if (!views.Has(view)) continue;
    RowSink& sink = *sinks.at(ViewColumnFamilies(view).front());
    writes.push_back(std::async(std::launch::async, [&, view] {
      return WriteParts(StateRowParts(replayed.state, view), sink);
    }));
  }
  Result<void> result;
  for (auto& write : writes) {
    if (auto r = write.get(); !r && result) result = r;
  }
  return result;
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

// Replays the log into `sinks` (one per family of `views`).
Result<LogReplay> ReplayInto(const eventstore::EventStore& store,
                             ViewSet views, Capacity capacity,
                             const RowSinks& sinks, const ProgressFn& progress) {
  RowSink* audit = views.Has(View::kAudit) ? sinks.at(cf::kViewAudit) : nullptr;
  auto replayed = ReplayLog(store, audit, capacity, progress);
  if (!replayed) return replayed.error();
  if (auto w = WriteFinalRows(*replayed, views, sinks); !w) return w.error();
  return replayed;
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

using SstSinks = std::map<std::string_view, std::unique_ptr<SstSink>>;

// Adds every sink's file to its family, all in one atomic step.
Result<void> Ingest(eventstore::EventStore& store, const SstSinks& sinks) {
  std::vector<rocksdb::IngestExternalFileArg> args;
  for (const auto& [family, sink] : sinks) {
    if (auto arg = sink->Ingestion()) args.push_back(std::move(*arg));
  }
  if (args.empty()) return {};
  rocksdb::Status s = store.db().IngestExternalFiles(args);
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
  SstSinks files;
  RowSinks sinks;
  for (std::string_view family : FamiliesOf(views)) {
    auto& file = files[family];
    file = std::make_unique<SstSink>(store, family,
                                     dir / (std::string(family) + ".sst"));
    sinks[family] = file.get();
  }
  auto replayed = ReplayInto(store, views, capacity, sinks, progress);
  if (!replayed) return replayed.error();
  auto& checkpoints = files[cf::kCheckpoints];
  checkpoints = std::make_unique<SstSink>(store, cf::kCheckpoints,
                                          dir / "checkpoints.sst");
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
  ViewRows rows;
  std::deque<MapSink> maps;  // (a deque keeps its elements in place)
  RowSinks sinks;
  for (std::string_view family : FamiliesOf(views)) {
    sinks[family] = &maps.emplace_back(rows[std::string(family)]);
  }
  auto replayed =
      ReplayInto(store, views, ReadCapacity(store), sinks, progress);
  if (!replayed) return replayed.error();
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
