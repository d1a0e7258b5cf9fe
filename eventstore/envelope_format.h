#ifndef KEYLEDGER_EVENTSTORE_ENVELOPE_FORMAT_H_
#define KEYLEDGER_EVENTSTORE_ENVELOPE_FORMAT_H_

// How a RecordedEvent is stored: as a keyledger.store.v1.Envelope, linked to
// its predecessor by the hash chain
//
//   hash(e) = SHA-256(prev_hash(e) || Serialize(e with `hash` cleared))
//   prev_hash(first event) = 32 zero bytes; prev_hash(e) = hash(e - 1)
//
// where Serialize is Protobuf's deterministic serialization. It writes the
// fields in field-number order and `hash` is the last field (13), so the
// stored bytes are exactly the hashed bytes followed by the hash field's 34
// bytes (tag 0x6a, length 32, digest): a reader checks the hash on the
// stored bytes as they are, without serializing the envelope again.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.h"
#include "eventstore/recorded_event.h"

namespace keyledger::eventstore {

inline constexpr size_t kHashSize = 32;

// 32 zero bytes: the prev_hash of position 1.
std::string ZeroHash();

// Sets event.hash from all of its other fields and returns the envelope
// bytes for the "events" family (one serialization for both).
std::string SealEnvelope(RecordedEvent& event);

// Stored envelope bytes split into what the hash covers and the stored
// hash; nullopt when they do not end with the hash field.
struct SealedBytes {
  std::string_view hashed;
  std::string_view hash;
};
std::optional<SealedBytes> SplitSealed(std::string_view stored);

// SHA-256(prev_hash || hashed), in storage reused by the calling thread.
const std::string& ChainHash(std::string_view prev_hash,
                             std::string_view hashed);

// The error (kInternal) of a read that finds bytes that are not an
// envelope.
domain::Error NotAnEnvelope();

// Parses envelope bytes. NotAnEnvelope() if they are not a valid envelope.
[[nodiscard]] domain::Result<RecordedEvent> DecodeEnvelope(
    std::string_view bytes);

// A random (version 4) UUID in text form.
std::string NewEventId();

// Wall-clock time in Unix milliseconds.
int64_t NowUnixMs();

// Lower-case hex of raw bytes.
std::string ToHex(std::string_view bytes);

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_ENVELOPE_FORMAT_H_
