#ifndef KEYLEDGER_EVENTSTORE_RECORDED_EVENT_H_
#define KEYLEDGER_EVENTSTORE_RECORDED_EVENT_H_

#include <cstdint>
#include <string>

namespace keyledger::eventstore {

// Who caused an event and from where; stored in every envelope.
struct EventMetadata {
  std::string actor_kind;  // "system", "server-admin", "user", "api-key", "service-account"
  int64_t actor_id = 0;
  std::string actor_login;
  std::string request_id;
  std::string client_address;
  bool operator==(const EventMetadata&) const = default;
};

// An event to append: its versioned type name and serialized Protobuf body.
struct NewEvent {
  std::string type;     // e.g. "keyledger.v1.ApiKeyCreated"
  std::string payload;  // serialized keyledger.v1.<Name> message
};

// An event as stored (the envelope's fields).
struct RecordedEvent {
  std::string event_id;  // UUID, text form
  std::string stream;
  uint64_t stream_version = 0;  // 1-based within the stream
  uint64_t position = 0;        // dense global position, 1-based
  int64_t recorded_at_ms = 0;   // Unix milliseconds
  std::string type;
  std::string payload;
  EventMetadata metadata;
  std::string idempotency_key;  // empty when none
  std::string prev_hash;        // 32 raw bytes (zeros for position 1)
  std::string hash;             // 32 raw bytes
  bool operator==(const RecordedEvent&) const = default;
};

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_RECORDED_EVENT_H_
