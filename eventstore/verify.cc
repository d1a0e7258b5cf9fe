#include "eventstore/verify.h"

#include <rocksdb/db.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "eventstore/column_families.h"
#include "eventstore/envelope_format.h"
#include "eventstore/envelope_reader.h"
#include "eventstore/key_encoding.h"
#include "eventstore/log_rows.h"
#include "eventstore/log_state.h"
#include "eventstore/rocksdb_errors.h"

namespace keyledger::eventstore {
namespace {

using domain::Result;

// The "streams" family (the stream index), read into memory on a thread of
// its own while the walk over "events" runs: the two scans are about as
// long, and the index can only be checked against what the walk saw.
class IndexScan {
 public:
  // One index row, decoded.
  struct Row {
    static constexpr uint32_t kBadKey = UINT32_MAX;
    uint32_t stream = kBadKey;          // index into streams(); kBadKey: the key does not decode
    uint64_t version = 0;
    std::optional<uint64_t> position;   // empty: the value is not a position
  };

  IndexScan(rocksdb::DB& db, const rocksdb::ReadOptions& read,
            rocksdb::ColumnFamilyHandle* family)
      : thread_([this, &db, read, family] { Scan(db, read, family); }) {}

  // Waits for the scan. An error if it failed to read.
  Result<void> Wait() {
    thread_.join();
    if (!status_.ok()) return FromRocksDb(status_, "verify index");
    return {};
  }
  const std::vector<std::string>& streams() const { return streams_; }
  const std::vector<Row>& rows() const { return rows_; }

 private:
  void Scan(rocksdb::DB& db, const rocksdb::ReadOptions& read,
            rocksdb::ColumnFamilyHandle* family) {
    std::unordered_map<std::string, uint32_t> numbers;  // stream -> index
    uint32_t last = Row::kBadKey;  // the previous row's stream
    std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(read, family));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      Row row;
      if (auto entry = DecodeStreamIndexKey(it->key().ToStringView())) {
        // Keys sort by stream first, so a stream's rows are adjacent: the
        // map is only consulted where the stream changes.
        if (last == Row::kBadKey || streams_[last] != entry->stream) {
          auto [number, added] =
              numbers.try_emplace(std::string(entry->stream),
                                  static_cast<uint32_t>(streams_.size()));
          if (added) streams_.emplace_back(entry->stream);
          last = number->second;
        }
        row.stream = last;
        row.version = entry->version;
      }
      if (it->value().size() == kU64Size) {
        row.position = DecodeBigEndian64(it->value().ToStringView());
      }
      rows_.push_back(row);
    }
    status_ = it->status();
  }

  std::vector<std::string> streams_;
  std::vector<Row> rows_;
  rocksdb::Status status_;
  std::jthread thread_;  // last: starts once the members above exist
};

// One pass over "events" (with the index read alongside, see IndexScan),
// then the index, heads and meta rows are checked, all read at one
// snapshot. Reports the first problem.
class LogVerifier {
 public:
  LogVerifier(rocksdb::DB& db, const LogFamilies& f,
              const rocksdb::Snapshot* snapshot,
              const VerifiedEnvelopeFn& on_envelope)
      : db_(db), f_(f), on_envelope_(on_envelope) {
    read_.snapshot = snapshot;
    read_.fill_cache = false;
  }

  Result<VerifyReport> Run() {
    // The index is checked even when the walk stopped early: an event before
    // the one that stopped it may lack its index entry.
    IndexScan index(db_, read_, f_.streams);
    if (auto ok = CheckEvents(); !ok) return ok.error();
    if (auto ok = index.Wait(); !ok) return ok.error();
    if (auto ok = CheckIndex(index); !ok) return ok.error();
    for (auto step : {&LogVerifier::CheckHeads, &LogVerifier::CheckMeta}) {
      if (report_.first_bad_position) break;
      if (auto ok = (this->*step)(); !ok) return ok.error();
    }
    return report_;
  }

 private:
  // What the walk saw of one stream, and how far the index scan got.
  struct StreamSeen {
    std::vector<uint64_t> positions;  // [v - 1]: position of version v
    uint64_t indexed = 0;             // versions up to this one were scanned
    uint64_t version() const { return positions.size(); }
  };

  void Fail(uint64_t position, std::string problem) {
    report_.first_bad_position = position;
    report_.problem = std::move(problem);
  }

  Result<void> CheckEvents();
  void CheckEvent(uint64_t key_position, std::string_view value);
  Result<void> CheckIndex(const IndexScan& index);
  void CheckIndexEntry(StreamSeen& seen, uint64_t version,
                       std::optional<uint64_t> indexed_position);
  void Unindexed(uint64_t position);
  Result<void> FailUnindexed(uint64_t position);
  Result<void> CheckHeads();
  Result<void> CheckMeta();

  rocksdb::DB& db_;
  const LogFamilies& f_;
  const VerifiedEnvelopeFn& on_envelope_;
  rocksdb::ReadOptions read_;
  VerifyReport report_;
  EnvelopeReader reader_;
  std::string prev_hash_ = ZeroHash();
  std::unordered_map<std::string, StreamSeen> streams_;
  // The first event (lowest position) whose index entry is missing or wrong.
  std::optional<uint64_t> first_unindexed_;
};

Result<void> LogVerifier::CheckEvents() {
  std::unique_ptr<rocksdb::Iterator> it(db_.NewIterator(read_, f_.events));
  for (it->SeekToFirst(); it->Valid() && !report_.first_bad_position;
       it->Next()) {
    const uint64_t expected = report_.last_position + 1;
    auto position = DecodePositionKey(it->key().ToStringView());
    if (!position) {
      Fail(expected, "malformed event key");
    } else if (*position != expected) {
      Fail(expected, "event " + std::to_string(expected) + " is missing");
    } else {
      CheckEvent(*position, it->value().ToStringView());
    }
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "verify events");
  report_.head_hash_hex = ToHex(prev_hash_);
  return {};
}

void LogVerifier::CheckEvent(uint64_t key_position, std::string_view value) {
  auto at = [key_position] { return "event " + std::to_string(key_position); };
  if (!reader_.Parse(value)) {
    return Fail(key_position, at() + " is not a valid envelope");
  }
  const store::v1::Envelope& e = reader_.envelope();
  if (e.position() != key_position) {
    return Fail(key_position, at() + " holds the envelope of position " +
                                  std::to_string(e.position()));
  }
  if (e.prev_hash() != prev_hash_) {
    return Fail(key_position, at() + ": prev_hash is not the previous hash");
  }
  auto sealed = SplitSealed(value);
  if (!sealed || sealed->hash != e.hash()) {
    return Fail(key_position, at() + " does not end with its hash");
  }
  if (ChainHash(prev_hash_, sealed->hashed) != sealed->hash) {
    return Fail(key_position, at() + ": hash does not match its contents");
  }
  StreamSeen& seen = streams_[e.stream_id()];
  if (e.stream_version() != seen.version() + 1) {
    return Fail(key_position, at() + ": stream " + e.stream_id() +
                                  " version " +
                                  std::to_string(e.stream_version()) +
                                  ", expected " +
                                  std::to_string(seen.version() + 1));
  }
  seen.positions.push_back(key_position);
  prev_hash_ = e.hash();
  report_.events++;
  report_.last_position = key_position;
  if (on_envelope_) on_envelope_(reader_.mutable_envelope());
}

// The index against what the walk saw: one pass over its rows (a lookup
// per event would read and decompress a block per event). Keys of one stream
// come in version order, so a version the rows skip over has no entry.
Result<void> LogVerifier::CheckIndex(const IndexScan& index) {
  // What the walk saw of each stream named in the index; null: nothing.
  std::vector<StreamSeen*> seen_of;
  for (const std::string& stream : index.streams()) {
    auto seen = streams_.find(stream);
    seen_of.push_back(seen == streams_.end() ? nullptr : &seen->second);
  }
  std::optional<uint64_t> stray;  // target of the first entry of no event
  for (const IndexScan::Row& row : index.rows()) {
    StreamSeen* seen =
        row.stream == IndexScan::Row::kBadKey ? nullptr : seen_of[row.stream];
    if (seen == nullptr || row.version > seen->version()) {
      if (!stray) stray = row.position.value_or(report_.last_position + 1);
    } else if (row.version > 0) {  // version 0 names no event
      CheckIndexEntry(*seen, row.version, row.position);
    }
  }
  for (const auto& [stream, seen] : streams_) {
    if (seen.indexed < seen.version()) Unindexed(seen.positions[seen.indexed]);
  }
  // Every event the walk saw precedes where it stopped, so a missing entry
  // is the first problem. Entries beyond what it saw are one only if the
  // walk reached the end of an intact log.
  if (first_unindexed_) return FailUnindexed(*first_unindexed_);
  if (stray && !report_.first_bad_position) {
    Fail(*stray, "stream index names event " + std::to_string(*stray) +
                     ", which is not in the log");
  }
  return {};
}

void LogVerifier::CheckIndexEntry(StreamSeen& seen, uint64_t version,
                                  std::optional<uint64_t> indexed_position) {
  if (version > seen.indexed + 1) Unindexed(seen.positions[seen.indexed]);
  const uint64_t position = seen.positions[version - 1];
  if (indexed_position != position) Unindexed(position);
  seen.indexed = version;
}

void LogVerifier::Unindexed(uint64_t position) {
  first_unindexed_ = std::min(position, first_unindexed_.value_or(position));
}

// Reports the event at `position` as the first bad one: the report then
// counts only the events before it, as if the walk had stopped there.
Result<void> LogVerifier::FailUnindexed(uint64_t position) {
  report_.events = position - 1;
  report_.last_position = position - 1;
  report_.head_hash_hex = ToHex(ZeroHash());
  if (position > 1) {
    auto before = ReadEvent(db_, f_, position - 1);
    if (!before) return before.error();
    report_.head_hash_hex = ToHex(before->hash);
  }
  Fail(position, "event " + std::to_string(position) +
                     ": stream index entry is missing or points elsewhere");
  return {};
}

Result<void> LogVerifier::CheckHeads() {
  size_t heads = 0;
  std::unique_ptr<rocksdb::Iterator> it(
      db_.NewIterator(read_, f_.stream_heads));
  for (it->SeekToFirst(); it->Valid() && !report_.first_bad_position;
       it->Next(), ++heads) {
    auto seen = streams_.find(it->key().ToString());
    const bool matches =
        seen != streams_.end() && it->value().size() == kU64Size &&
        DecodeBigEndian64(it->value().ToStringView()) == seen->second.version();
    if (!matches) {
      uint64_t at = seen == streams_.end() ? report_.last_position + 1
                                           : seen->second.positions.back();
      Fail(at, "head of stream " + it->key().ToString() +
                   " does not match its last event");
    }
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "verify heads");
  if (!report_.first_bad_position && heads != streams_.size()) {
    Fail(report_.last_position, "a stream has no head row");
  }
  return {};
}

Result<void> LogVerifier::CheckMeta() {
  rocksdb::PinnableSlice value;
  rocksdb::Status s =
      db_.Get(read_, f_.meta, std::string(cf::kMetaHeadKey), &value);
  if (s.IsNotFound()) {
    if (report_.events > 0) Fail(1, "the log has no head row");
    return {};
  }
  if (!s.ok()) return FromRocksDb(s, "verify head");
  auto head = DecodeHeadRow(value.ToStringView());
  const uint64_t last = report_.last_position;
  if (!head) {
    Fail(last + 1, "malformed head row");
  } else if (head->last_position > last) {
    Fail(last + 1, "event " + std::to_string(last + 1) +
                       " is missing (the head names " +
                       std::to_string(head->last_position) + ")");
  } else if (head->last_position < last) {
    Fail(head->last_position + 1, "events after the recorded head");
  } else if (ToHex(head->hash) != report_.head_hash_hex) {
    Fail(last, "event " + std::to_string(last) +
                   ": hash differs from the recorded head");
  }
  return {};
}

}  // namespace

Result<VerifyReport> VerifyLogEnvelopes(const EventStore& store,
                                        const VerifiedEnvelopeFn& on_envelope) {
  LogFamilies f{store.column_family(std::string(cf::kEvents)),
                store.column_family(std::string(cf::kStreams)),
                store.column_family(std::string(cf::kStreamHeads)),
                store.column_family(std::string(cf::kIdempotency)),
                store.column_family(std::string(cf::kMeta))};
  if (!f.events || !f.streams || !f.stream_heads || !f.meta) {
    return domain::MakeError(domain::ErrorCode::kInternal,
                             "not an event store: column families missing");
  }
  rocksdb::DB& db = store.db();
  // A secondary changes only when the caller catches it up, so it needs no
  // snapshot (and has none).
  const rocksdb::Snapshot* snapshot =
      store.read_only() ? nullptr : db.GetSnapshot();
  auto report = LogVerifier(db, f, snapshot, on_envelope).Run();
  if (snapshot != nullptr) db.ReleaseSnapshot(snapshot);
  return report;
}

Result<VerifyReport> VerifyLog(const EventStore& store,
                               const VerifiedEventFn& on_event) {
  if (!on_event) return VerifyLogEnvelopes(store, nullptr);
  return VerifyLogEnvelopes(store, AsRecordedEvents(std::cref(on_event)));
}

}  // namespace keyledger::eventstore
