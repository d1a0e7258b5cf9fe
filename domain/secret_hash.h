#ifndef KEYLEDGER_DOMAIN_SECRET_HASH_H_
#define KEYLEDGER_DOMAIN_SECRET_HASH_H_

// Hashing and comparison of secrets (SHA-256 through sha256.h; PBKDF2 and
// the constant-time comparison through OpenSSL).
// All hex output is lowercase.

#include <string>
#include <string_view>

#include "domain/hashed_secret.h"

namespace keyledger::domain {

std::string Sha256Hex(std::string_view data);
// Grafana's EncodePassword: PBKDF2-HMAC-SHA256, 10000 iterations, 50 bytes,
// raw bytes of password and salt; 100 hex characters.
std::string Pbkdf2Sha256Hex(std::string_view password, std::string_view salt);

// The stored form of a secret we generate: {kSha256, Sha256Hex(secret)}.
// `secret` is the random part only (legacy `k`, token secret).
HashedSecret HashNewSecret(std::string_view secret);
// True when `secret` hashes to `stored` under its scheme. `salt` is used by
// kPbkdf2Sha256 only (legacy key: the key name; token: the checksum; user:
// the user's password salt). The final comparison is constant-time.
bool VerifySecret(const HashedSecret& stored, std::string_view secret,
                  std::string_view salt);
// Compares in time independent of where the inputs differ (the length is not
// treated as secret).
bool ConstantTimeEquals(std::string_view a, std::string_view b);
// The stored form of a user's password: {kPbkdf2Sha256, Pbkdf2Sha256Hex}.
HashedSecret HashPassword(std::string_view password, std::string_view salt);

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_SECRET_HASH_H_
