#include "domain/sha256.h"

#include <nettle/sha2.h>

namespace keyledger::domain {

static_assert(SHA256_DIGEST_SIZE == kSha256Size);

Sha256Digest Sha256(std::initializer_list<std::string_view> parts) {
  sha256_ctx context;
  sha256_init(&context);
  for (std::string_view part : parts) {
    sha256_update(&context, part.size(), reinterpret_cast<const uint8_t*>(part.data()));
  }
  Sha256Digest digest;
  sha256_digest(&context, digest.size(), digest.data());
  return digest;
}

}  // namespace keyledger::domain
