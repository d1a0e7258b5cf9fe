// EventStore's reads. Every read is capped at the last durable position, so
// nothing that is not yet acknowledged is ever returned.

#include <algorithm>
#include <functional>
#include <limits>

#include "eventstore/envelope_format.h"
#include "eventstore/envelope_reader.h"
#include "eventstore/event_store.h"
#include "eventstore/event_store_impl.h"
#include "eventstore/key_encoding.h"
#include "eventstore/rocksdb_errors.h"

namespace keyledger::eventstore {

namespace {

// Positions of `stream` from `from_version` on, at most `max_count`, none
// beyond `last_position`.
Result<std::vector<uint64_t>> StreamPositions(
    rocksdb::DB& db, const LogFamilies& f, const std::string& stream,
    uint64_t from_version, size_t max_count, uint64_t last_position) {
  std::vector<uint64_t> positions;
  const std::string upper = StreamIndexUpperBound(stream);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions options;
  options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(options, f.streams));
  for (it->Seek(StreamIndexKey(stream, std::max<uint64_t>(from_version, 1)));
       it->Valid() && positions.size() < max_count; it->Next()) {
    if (it->value().size() != kU64Size) {
      return domain::MakeError(domain::ErrorCode::kInternal,
                               "malformed stream index row");
    }
    const uint64_t position = DecodeBigEndian64(it->value().ToStringView());
    if (position > last_position) break;
    positions.push_back(position);
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "read stream");
  return positions;
}

}  // namespace

Result<std::vector<RecordedEvent>> EventStore::ReadStream(
    const std::string& stream, uint64_t from_version, size_t max_count) const {
  auto positions = StreamPositions(*impl_->db, impl_->families, stream,
                                   from_version, max_count, LastPosition());
  if (!positions) return positions.error();
  std::vector<RecordedEvent> events;
  events.reserve(positions->size());
  for (uint64_t position : *positions) {
    auto event = ReadEvent(*impl_->db, impl_->families, position);
    if (!event) return event.error();
    events.push_back(std::move(*event));
  }
  return events;
}

Result<std::vector<RecordedEvent>> EventStore::ReadAll(uint64_t from_position,
                                                       size_t max_count) const {
  const uint64_t first = std::max<uint64_t>(from_position, 1);
  const uint64_t last = LastPosition();
  if (first > last || max_count == 0) return std::vector<RecordedEvent>();
  const uint64_t room = last - first;  // how many beyond `first` exist
  const uint64_t end = first + std::min<uint64_t>(room, max_count - 1);
  return ReadPositions(*impl_->db, impl_->families, first, end);
}

Result<void> EventStore::ForEach(
    uint64_t from_position,
    const std::function<bool(const RecordedEvent&)>& fn) const {
  return ForEachEnvelope(from_position, AsRecordedEvents(std::cref(fn)));
}

Result<void> EventStore::ForEachEnvelope(
    uint64_t from_position,
    const std::function<bool(store::v1::Envelope&)>& fn) const {
  const std::string upper = PositionKey(LastPosition() + 1);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions options;
  options.iterate_upper_bound = &upper_slice;
  options.fill_cache = false;  // a full scan would evict the hot set
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(options, impl_->families.events));
  EnvelopeReader reader;
  for (it->Seek(PositionKey(std::max<uint64_t>(from_position, 1))); it->Valid();
       it->Next()) {
    if (!reader.Parse(it->value().ToStringView())) return NotAnEnvelope();
    if (!fn(reader.mutable_envelope())) return {};
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "scan events");
  return {};
}

uint64_t EventStore::LastPosition() const {
  return impl_->last_position.load(std::memory_order_acquire);
}

uint64_t EventStore::WaitForPosition(uint64_t position,
                                     std::chrono::milliseconds timeout) const {
  std::unique_lock lock(impl_->durable_mu);
  impl_->durable_cv.wait_for(lock, timeout,
                             [&] { return LastPosition() >= position; });
  return LastPosition();
}

Result<void> EventStore::CatchUpWithPrimary() {
  if (!impl_->options.read_only) return {};
  rocksdb::Status s = impl_->db->TryCatchUpWithPrimary();
  if (!s.ok()) return FromRocksDb(s, "catch up with primary");
  auto last = ReadLastPosition(*impl_->db, impl_->families);
  if (!last) return last.error();
  impl_->PublishDurable(*last);
  return {};
}

}  // namespace keyledger::eventstore
