#include "eventstore/log_state.h"

#include <memory>

#include "eventstore/envelope_format.h"
#include "eventstore/key_encoding.h"
#include "eventstore/rocksdb_errors.h"

namespace keyledger::eventstore {

using domain::ErrorCode;
using domain::MakeError;
using domain::Result;

namespace {

Result<void> LoadStreamHeads(rocksdb::DB& db, const LogFamilies& f,
                             LogState& state) {
  std::unique_ptr<rocksdb::Iterator> it(
      db.NewIterator(rocksdb::ReadOptions(), f.stream_heads));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->value().size() != kU64Size) {
      return MakeError(ErrorCode::kInternal, "malformed stream head row");
    }
    state.stream_heads[it->key().ToString()] =
        DecodeBigEndian64(it->value().ToStringView());
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "load stream heads");
  return {};
}

}  // namespace

Result<uint64_t> ReadLastPosition(rocksdb::DB& db, const LogFamilies& f) {
  std::unique_ptr<rocksdb::Iterator> it(
      db.NewIterator(rocksdb::ReadOptions(), f.events));
  it->SeekToLast();
  if (!it->status().ok()) return FromRocksDb(it->status(), "read log head");
  if (!it->Valid()) return uint64_t{0};
  auto position = DecodePositionKey(it->key().ToStringView());
  if (!position) return MakeError(ErrorCode::kInternal, "malformed event key");
  return *position;
}

Result<LogState> LoadLogState(rocksdb::DB& db, const LogFamilies& f) {
  LogState state;
  state.head_hash = ZeroHash();
  auto last = ReadLastPosition(db, f);
  if (!last) return last.error();
  state.last_position = *last;
  if (*last > 0) {
    auto events = ReadPositions(db, f, *last, *last);
    if (!events) return events.error();
    state.head_hash = events->front().hash;
  }
  if (auto heads = LoadStreamHeads(db, f, state); !heads) return heads.error();
  return state;
}

Result<std::optional<IdempotencyRow>> LookupIdempotency(
    rocksdb::DB& db, const LogFamilies& f, const std::string& key) {
  rocksdb::PinnableSlice value;
  rocksdb::Status s =
      db.Get(rocksdb::ReadOptions(), f.idempotency, key, &value);
  if (s.IsNotFound()) return std::optional<IdempotencyRow>();
  if (!s.ok()) return FromRocksDb(s, "read idempotency key");
  auto row = DecodeIdempotencyRow(value.ToStringView());
  if (!row) return MakeError(ErrorCode::kInternal, "malformed idempotency row");
  return row;
}

Result<RecordedEvent> ReadEvent(rocksdb::DB& db, const LogFamilies& f,
                                uint64_t position) {
  rocksdb::PinnableSlice value;
  rocksdb::Status s =
      db.Get(rocksdb::ReadOptions(), f.events, PositionKey(position), &value);
  if (!s.ok()) return FromRocksDb(s, "read event " + std::to_string(position));
  return DecodeEnvelope(value.ToStringView());
}

Result<std::vector<RecordedEvent>> ReadPositions(rocksdb::DB& db,
                                                 const LogFamilies& f,
                                                 uint64_t first,
                                                 uint64_t last) {
  std::vector<RecordedEvent> out;
  const std::string upper = PositionKey(last + 1);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions options;
  options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(options, f.events));
  uint64_t expected = first;
  for (it->Seek(PositionKey(first)); it->Valid(); it->Next(), ++expected) {
    auto event = DecodeEnvelope(it->value().ToStringView());
    if (!event) return event.error();
    if (event->position != expected) break;
    out.push_back(std::move(*event));
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "read events");
  if (out.size() != last - first + 1) {
    return MakeError(ErrorCode::kInternal,
                     "log is missing position " + std::to_string(expected));
  }
  return out;
}

}  // namespace keyledger::eventstore
