#ifndef KEYLEDGER_DOMAIN_HASHED_SECRET_H_
#define KEYLEDGER_DOMAIN_HASHED_SECRET_H_

#include "domain/compact_hex.h"

namespace keyledger::domain {

// How a stored hash was computed. Secrets we create use kSha256 (they carry
// ~190 bits of entropy, so a slow KDF adds cost and no safety); kPbkdf2Sha256
// is Grafana's EncodePassword, verified for keys imported from Grafana.
enum class HashScheme { kSha256 = 1, kPbkdf2Sha256 = 2 };

// A stored secret hash with its scheme tag. `hex` is lowercase hex.
struct HashedSecret {
  HashScheme scheme = HashScheme::kSha256;
  CompactHex hex;
  bool operator==(const HashedSecret&) const = default;
};

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_HASHED_SECRET_H_
