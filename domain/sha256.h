#ifndef KEYLEDGER_DOMAIN_SHA256_H_
#define KEYLEDGER_DOMAIN_SHA256_H_

// SHA-256 digests: of presented secrets (secret_hash.h) and of the event
// log's hash chain (eventstore); PBKDF2 stays with OpenSSL. Nettle's:
// it hashes on the stack, where OpenSSL's EVP interface allocates and frees
// a context for every digest, about a sixth of hashing an event's envelope
// (and both use the CPU's SHA instructions).

#include <array>
#include <initializer_list>
#include <string_view>

namespace keyledger::domain {

inline constexpr size_t kSha256Size = 32;
using Sha256Digest = std::array<unsigned char, kSha256Size>;

// The digest of `parts`, one after another.
Sha256Digest Sha256(std::initializer_list<std::string_view> parts);

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_SHA256_H_
