#ifndef KEYLEDGER_EVENTSTORE_ENVELOPE_READER_H_
#define KEYLEDGER_EVENTSTORE_ENVELOPE_READER_H_

// Reads stored envelopes one after another into reused storage, so that a
// walk over a large log parses and hands on events without allocating per
// event. DecodeEnvelope (envelope_format.h) is one such read, for a single
// event.

#include <string>
#include <string_view>
#include <utility>

#include "envelope.pb.h"
#include "eventstore/recorded_event.h"

namespace keyledger::eventstore {

// Moves a parsed envelope's fields into `event`, as DecodeEnvelope would
// return them. Strings are swapped, not copied: `event`'s old strings go to
// `envelope`, whose contents are then meaningless (a reused envelope gets
// them back at its next parse).
void MoveFromProto(store::v1::Envelope& envelope, RecordedEvent& event);

// An envelope function for a walk over the log that hands `fn` each envelope
// as a RecordedEvent, moved into storage reused from one event to the next.
template <typename Fn>
auto AsRecordedEvents(Fn fn) {
  return [fn = std::move(fn), event = RecordedEvent()](
             store::v1::Envelope& envelope) mutable {
    MoveFromProto(envelope, event);
    return fn(static_cast<const RecordedEvent&>(event));
  };
}

class EnvelopeReader {
 public:
  EnvelopeReader();
  ~EnvelopeReader();
  EnvelopeReader(const EnvelopeReader&) = delete;
  EnvelopeReader& operator=(const EnvelopeReader&) = delete;

  // Parses envelope bytes; false if they are not a valid envelope.
  [[nodiscard]] bool Parse(std::string_view bytes);
  // The envelope last parsed.
  const store::v1::Envelope& envelope() const { return envelope_; }
  // The envelope last parsed, to be taken (swapped with another); the next
  // Parse reuses whatever storage is left here.
  store::v1::Envelope& mutable_envelope() { return envelope_; }

 private:
  store::v1::Envelope envelope_;
};

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_ENVELOPE_READER_H_
