#include "eventstore/verify.h"

#include <rocksdb/db.h>

#include <memory>
#include <unordered_map>

#include "eventstore/column_families.h"
#include "eventstore/envelope_format.h"
#include "eventstore/key_encoding.h"
#include "eventstore/log_rows.h"
#include "eventstore/log_state.h"
#include "eventstore/rocksdb_errors.h"

namespace keyledger::eventstore {
namespace {

using domain::Result;

// One pass over "events", then the index, heads and meta rows, all read at
// one snapshot. Stops at the first problem.
class LogVerifier {
 public:
  LogVerifier(rocksdb::DB& db, const LogFamilies& f,
              const rocksdb::Snapshot* snapshot)
      : db_(db), f_(f) {
    read_.snapshot = snapshot;
    read_.fill_cache = false;
  }

  Result<VerifyReport> Run() {
    report_.head_hash_hex = ToHex(ZeroHash());
    for (auto step : {&LogVerifier::CheckEvents, &LogVerifier::CheckIndex,
                      &LogVerifier::CheckHeads, &LogVerifier::CheckMeta}) {
      if (auto ok = (this->*step)(); !ok) return ok.error();
      if (report_.first_bad_position) break;
    }
    return report_;
  }

 private:
  struct StreamSeen {
    uint64_t version = 0;   // last version seen
    uint64_t position = 0;  // where it was seen
  };

  void Fail(uint64_t position, std::string problem) {
    report_.first_bad_position = position;
    report_.problem = std::move(problem);
  }

  Result<void> CheckEvents();
  void CheckEvent(uint64_t key_position, std::string_view value);
  bool CheckIndexEntry(const RecordedEvent& e);
  Result<void> CheckIndex();
  Result<void> CheckHeads();
  Result<void> CheckMeta();

  rocksdb::DB& db_;
  const LogFamilies& f_;
  rocksdb::ReadOptions read_;
  VerifyReport report_;
  std::string prev_hash_ = ZeroHash();
  std::unordered_map<std::string, StreamSeen> streams_;
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
  return {};
}

void LogVerifier::CheckEvent(uint64_t key_position, std::string_view value) {
  const std::string at = "event " + std::to_string(key_position);
  auto event = DecodeEnvelope(value);
  if (!event) return Fail(key_position, at + " is not a valid envelope");
  const RecordedEvent& e = *event;
  if (e.position != key_position) {
    return Fail(key_position, at + " holds the envelope of position " +
                                  std::to_string(e.position));
  }
  if (e.prev_hash != prev_hash_) {
    return Fail(key_position, at + ": prev_hash is not the previous hash");
  }
  if (ComputeHash(e) != e.hash) {
    return Fail(key_position, at + ": hash does not match its contents");
  }
  StreamSeen& seen = streams_[e.stream];
  if (e.stream_version != seen.version + 1) {
    return Fail(key_position, at + ": stream " + e.stream + " version " +
                                  std::to_string(e.stream_version) +
                                  ", expected " +
                                  std::to_string(seen.version + 1));
  }
  if (!CheckIndexEntry(e)) return;
  seen = {e.stream_version, e.position};
  prev_hash_ = e.hash;
  report_.events++;
  report_.last_position = e.position;
  report_.head_hash_hex = ToHex(e.hash);
}

bool LogVerifier::CheckIndexEntry(const RecordedEvent& e) {
  rocksdb::PinnableSlice value;
  rocksdb::Status s = db_.Get(
      read_, f_.streams, StreamIndexKey(e.stream, e.stream_version), &value);
  if (s.ok() && value.ToStringView() == PositionKey(e.position)) return true;
  Fail(e.position, "event " + std::to_string(e.position) +
                       ": stream index entry is missing or points elsewhere");
  return false;
}

Result<void> LogVerifier::CheckIndex() {
  std::unique_ptr<rocksdb::Iterator> it(db_.NewIterator(read_, f_.streams));
  for (it->SeekToFirst(); it->Valid() && !report_.first_bad_position;
       it->Next()) {
    auto entry = DecodeStreamIndexKey(it->key().ToStringView());
    auto seen = entry ? streams_.find(entry->stream) : streams_.end();
    if (seen == streams_.end() || entry->version > seen->second.version) {
      uint64_t target = it->value().size() == kU64Size
                            ? DecodeBigEndian64(it->value().ToStringView())
                            : report_.last_position + 1;
      Fail(target, "stream index names event " + std::to_string(target) +
                       ", which is not in the log");
    }
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "verify index");
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
        DecodeBigEndian64(it->value().ToStringView()) == seen->second.version;
    if (!matches) {
      uint64_t at = seen == streams_.end() ? report_.last_position + 1
                                           : seen->second.position;
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

Result<VerifyReport> VerifyLog(const EventStore& store) {
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
  auto report = LogVerifier(db, f, snapshot).Run();
  if (snapshot != nullptr) db.ReleaseSnapshot(snapshot);
  return report;
}

}  // namespace keyledger::eventstore
