#include "eventstore/envelope_reader.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <openssl/evp.h>

#include "eventstore/envelope_format.h"

namespace keyledger::eventstore {

// SHA-256 with the algorithm fetched once: fetching it per call (as
// EVP_Digest does) costs about as much as hashing a whole envelope.
class EnvelopeReader::Sha256 {
 public:
  Sha256()
      : md_(EVP_MD_fetch(nullptr, "SHA256", nullptr)), ctx_(EVP_MD_CTX_new()) {}

  // SHA-256 of `in`, into `out`. Like ComputeHash, ignores errors: SHA-256
  // cannot fail on in-memory input with the default provider.
  void Digest(std::string_view in, std::string& out) {
    out.resize(kHashSize);
    unsigned int size = 0;
    EVP_DigestInit_ex2(ctx_.get(), md_.get(), nullptr);
    EVP_DigestUpdate(ctx_.get(), in.data(), in.size());
    EVP_DigestFinal_ex(ctx_.get(), reinterpret_cast<unsigned char*>(out.data()),
                       &size);
  }

 private:
  struct FreeMd {
    void operator()(EVP_MD* md) const { EVP_MD_free(md); }
  };
  struct FreeCtx {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
  };
  std::unique_ptr<EVP_MD, FreeMd> md_;
  std::unique_ptr<EVP_MD_CTX, FreeCtx> ctx_;
};

EnvelopeReader::EnvelopeReader()
    : envelope_reflection_(envelope_.GetReflection()),
      actor_reflection_(envelope_.actor().GetReflection()),
      sha256_(std::make_unique<Sha256>()) {}

EnvelopeReader::~EnvelopeReader() = default;

bool EnvelopeReader::Parse(std::string_view bytes) {
  return envelope_.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

const std::string& EnvelopeReader::ComputeHash() {
  // ComputeHash hashes the envelope rebuilt from a RecordedEvent, which has
  // no unknown fields and always has an `actor`; make this one the same.
  if (!envelope_reflection_->GetUnknownFields(envelope_).empty() ||
      !actor_reflection_->GetUnknownFields(envelope_.actor()).empty()) {
    envelope_.DiscardUnknownFields();
  }
  envelope_.mutable_actor();
  // The hash input, prev_hash || the envelope serialized with `hash`
  // cleared, built in one buffer; `hash` is put back after.
  hash_.clear();
  hash_.swap(*envelope_.mutable_hash());
  const std::string& prev_hash = envelope_.prev_hash();
  const size_t size = envelope_.ByteSizeLong();
  input_.resize(prev_hash.size() + size);
  prev_hash.copy(input_.data(), prev_hash.size());
  {
    google::protobuf::io::ArrayOutputStream stream(
        input_.data() + prev_hash.size(), static_cast<int>(size));
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    envelope_.SerializeWithCachedSizes(&coded);
  }
  hash_.swap(*envelope_.mutable_hash());
  sha256_->Digest(input_, digest_);
  return digest_;
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
