#include "projections/rebuild.h"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <memory>
#include <set>

#include "eventstore/column_families.h"
#include "eventstore/event_codec.h"
#include "eventstore/event_store.h"
#include "projections/view_writer.h"

namespace keyledger::projections {
namespace {

using domain::Error;
using domain::ErrorCode;
using domain::Result;

constexpr size_t kBatchEvents = 10000;
const std::string kKeySpaceEnd(16, '\xff');

Result<void> Write(eventstore::EventStore& store, rocksdb::WriteBatch& batch,
                   bool sync) {
  rocksdb::WriteOptions options;
  options.sync = sync;
  rocksdb::Status s = store.db().Write(options, &batch);
  if (!s.ok()) {
    return Error{ErrorCode::kUnavailable, "writing views: " + s.ToString()};
  }
  batch.Clear();
  return {};
}

// Replays every event through `apply`, reporting progress.
Result<void> Replay(
    const eventstore::EventStore& store, const ProgressFn& progress,
    const std::function<Result<void>(const eventstore::RecordedEvent&,
                                     const domain::Event&)>& apply) {
  const uint64_t total = store.LastPosition();
  Result<void> failure;
  auto walked = store.ForEach(1, [&](const eventstore::RecordedEvent& recorded) {
    if (recorded.position > total) return false;
    auto event = eventstore::DecodeEvent(recorded.type, recorded.payload);
    if (!event) {
      failure = Error{ErrorCode::kInternal,
                      "event at position " + std::to_string(recorded.position) +
                          ": " + event.error().message};
      return false;
    }
    failure = apply(recorded, *event);
    if (!failure) return false;
    if (progress && (recorded.position % 4096 == 0 || recorded.position == total)) {
      progress(recorded.position, total);
    }
    return true;
  });
  if (!walked) return walked.error();
  return failure;
}

// Collects a batch's row operations, in order, into a side copy.
class RowCollector : public rocksdb::WriteBatch::Handler {
 public:
  RowCollector(const eventstore::EventStore& store, ViewRows& rows) : rows_(rows) {
    for (View view : kAllViews) {
      for (std::string_view family : ViewColumnFamilies(view)) {
        names_[store.column_family(std::string(family))->GetID()] = family;
      }
    }
  }
  rocksdb::Status PutCF(uint32_t id, const rocksdb::Slice& key,
                        const rocksdb::Slice& value) override {
    rows_[names_[id]][key.ToString()] = value.ToString();
    return rocksdb::Status::OK();
  }
  rocksdb::Status DeleteCF(uint32_t id, const rocksdb::Slice& key) override {
    rows_[names_[id]].erase(key.ToString());
    return rocksdb::Status::OK();
  }

 private:
  ViewRows& rows_;
  std::map<uint32_t, std::string> names_;
};

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
  // The first batch drops the rows AND the checkpoints: if the rebuild dies
  // midway, the views restart from position 0 instead of trusting partial
  // rows under an old checkpoint.
  rocksdb::WriteBatch batch;
  auto* checkpoints = store.column_family(std::string(eventstore::cf::kCheckpoints));
  for (View view : kAllViews) {
    if (!views.Has(view)) continue;
    for (std::string_view family : ViewColumnFamilies(view)) {
      batch.DeleteRange(store.column_family(std::string(family)), "", kKeySpaceEnd);
    }
    batch.Delete(checkpoints, std::string(ViewName(view)));
  }
  if (auto w = Write(store, batch, true); !w) return w.error();
  ViewWriter writer(store);
  domain::State state;
  const ViewSet audit_only =
      views.Has(View::kAudit) ? ViewSet::Of(View::kAudit) : ViewSet();
  size_t pending = 0;
  uint64_t last = 0;
  auto replayed = Replay(store, progress, [&](const auto& recorded, const auto& event) -> Result<void> {
    if (!audit_only.Empty()) writer.PutAudit(state, recorded, event, batch);
    domain::Evolve(state, event);
    last = recorded.position;
    if (++pending == kBatchEvents) {
      pending = 0;
      return Write(store, batch, false);
    }
    return {};
  });
  if (!replayed) return replayed.error();
  writer.PutState(state, views, batch);
  writer.PutCheckpoints(last, views, batch);
  if (auto w = Write(store, batch, true); !w) return w.error();
  return state;
}

Result<ViewRows> ComputeViewRows(const eventstore::EventStore& store,
                                 ViewSet views, const ProgressFn& progress) {
  ViewRows rows;
  RowCollector collector(store, rows);
  ViewWriter writer(store);
  domain::State state;
  rocksdb::WriteBatch batch;
  auto replayed = Replay(store, progress, [&](const auto& recorded, const auto& event) -> Result<void> {
    if (views.Has(View::kAudit)) writer.PutAudit(state, recorded, event, batch);
    domain::Evolve(state, event);
    return {};
  });
  if (!replayed) return replayed.error();
  writer.PutState(state, views, batch);
  rocksdb::Status s = batch.Iterate(&collector);
  if (!s.ok()) return Error{ErrorCode::kInternal, s.ToString()};
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
