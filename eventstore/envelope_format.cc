#include "eventstore/envelope_format.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <chrono>
#include <memory>

#include "domain/sha256.h"
#include "envelope.pb.h"
#include "eventstore/envelope_reader.h"
#include "eventstore/random_bytes.h"

namespace keyledger::eventstore {
namespace {

using store::v1::Envelope;

void CopyToProto(const RecordedEvent& e, Envelope& env) {
  env.set_event_id(e.event_id);
  env.set_stream_id(e.stream);
  env.set_stream_version(e.stream_version);
  env.set_position(e.position);
  env.set_recorded_at_unix_ms(e.recorded_at_ms);
  env.set_type(e.type);
  env.set_payload(e.payload);
  env.mutable_actor()->set_kind(e.metadata.actor_kind);
  env.mutable_actor()->set_id(e.metadata.actor_id);
  env.mutable_actor()->set_login(e.metadata.actor_login);
  env.set_request_id(e.metadata.request_id);
  env.set_client_address(e.metadata.client_address);
  env.set_idempotency_key(e.idempotency_key);
  env.set_prev_hash(e.prev_hash);
  env.set_hash(e.hash);
}

Envelope ToProto(const RecordedEvent& e) {
  Envelope env;
  CopyToProto(e, env);
  return env;
}

std::string SerializeDeterministic(const Envelope& env) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    env.SerializeWithCachedSizes(&coded);
  }
  return out;
}

}  // namespace

std::string ZeroHash() { return std::string(kHashSize, '\0'); }

namespace {

// The hash field as it ends every stored envelope: tag (13 << 3 | 2), length.
constexpr std::string_view kHashFieldHead = "\x6a\x20";
static_assert(kHashSize == 0x20 && kHashSize == domain::kSha256Size);

}  // namespace

const std::string& ChainHash(std::string_view prev_hash,
                             std::string_view hashed) {
  thread_local std::string hash(kHashSize, '\0');
  const domain::Sha256Digest digest = domain::Sha256({prev_hash, hashed});
  hash.assign(digest.begin(), digest.end());
  return hash;
}

std::string SealEnvelope(RecordedEvent& event) {
  event.hash.clear();
  Envelope env = ToProto(event);
  env.ByteSizeLong();  // caches sizes for SerializeWithCachedSizes
  std::string out = SerializeDeterministic(env);
  event.hash = ChainHash(event.prev_hash, out);
  out.append(kHashFieldHead).append(event.hash);
  return out;
}

std::optional<SealedBytes> SplitSealed(std::string_view stored) {
  constexpr size_t kTail = kHashFieldHead.size() + kHashSize;
  if (stored.size() < kTail ||
      stored.substr(stored.size() - kTail, kHashFieldHead.size()) !=
          kHashFieldHead) {
    return std::nullopt;
  }
  return SealedBytes{stored.substr(0, stored.size() - kTail),
                     stored.substr(stored.size() - kHashSize)};
}

domain::Error NotAnEnvelope() {
  return domain::MakeError(domain::ErrorCode::kInternal,
                           "stored event is not a valid envelope");
}

domain::Result<RecordedEvent> DecodeEnvelope(std::string_view bytes) {
  EnvelopeReader reader;
  if (!reader.Parse(bytes)) return NotAnEnvelope();
  RecordedEvent event;
  MoveFromProto(reader.mutable_envelope(), event);
  return event;
}

std::string NewEventId() {
  unsigned char b[16];
  FillRandom(b, sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  std::string hex = ToHex(std::string_view(reinterpret_cast<char*>(b), 16));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) +
         "-" + hex.substr(16, 4) + "-" + hex.substr(20);
}

int64_t NowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string ToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0x0f]);
  }
  return out;
}

}  // namespace keyledger::eventstore
