#include "eventstore/envelope_reader.h"

namespace keyledger::eventstore {

EnvelopeReader::EnvelopeReader() = default;
EnvelopeReader::~EnvelopeReader() = default;

bool EnvelopeReader::Parse(std::string_view bytes) {
  return envelope_.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

void MoveFromProto(store::v1::Envelope& env, RecordedEvent& e) {
  env.mutable_event_id()->swap(e.event_id);
  env.mutable_stream_id()->swap(e.stream);
  e.stream_version = env.stream_version();
  e.position = env.position();
  e.recorded_at_ms = env.recorded_at_unix_ms();
  env.mutable_type()->swap(e.type);
  env.mutable_payload()->swap(e.payload);
  store::v1::Actor& actor = *env.mutable_actor();
  actor.mutable_kind()->swap(e.metadata.actor_kind);
  e.metadata.actor_id = actor.id();
  actor.mutable_login()->swap(e.metadata.actor_login);
  env.mutable_request_id()->swap(e.metadata.request_id);
  env.mutable_client_address()->swap(e.metadata.client_address);
  env.mutable_idempotency_key()->swap(e.idempotency_key);
  env.mutable_prev_hash()->swap(e.prev_hash);
  env.mutable_hash()->swap(e.hash);
}

}  // namespace keyledger::eventstore
