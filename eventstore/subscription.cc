#include "eventstore/event_store.h"

namespace keyledger::eventstore {

namespace {
constexpr size_t kBatch = 256;  // events fetched per read
}  // namespace

Subscription::Subscription(const EventStore& store, uint64_t after_position)
    : store_(store), position_(after_position) {}

Result<std::optional<RecordedEvent>> Subscription::Next(
    std::chrono::milliseconds timeout) {
  if (next_ == buffer_.size()) {
    buffer_.clear();
    next_ = 0;
    if (store_.WaitForPosition(position_ + 1, timeout) <= position_) {
      return std::optional<RecordedEvent>();
    }
    auto events = store_.ReadAll(position_ + 1, kBatch);
    if (!events) return events.error();
    buffer_ = std::move(*events);
    if (buffer_.empty()) return std::optional<RecordedEvent>();
  }
  RecordedEvent& event = buffer_[next_++];
  position_ = event.position;
  return std::optional<RecordedEvent>(std::move(event));
}

}  // namespace keyledger::eventstore
