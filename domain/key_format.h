#ifndef KEYLEDGER_DOMAIN_KEY_FORMAT_H_
#define KEYLEDGER_DOMAIN_KEY_FORMAT_H_

// The two secret formats a client presents (Grafana-compatible, exact):
//
//   legacy key := base64std( '{"k":"' k '","n":"' name '","id":' org_id '}' )
//                 k = 32 chars of kSecretAlphabet; padded standard base64.
//   token      := "gl" service_id "_" secret "_" checksum
//                 service_id = "sa" for the tokens we issue (any is accepted),
//                 secret = 32 chars of kSecretAlphabet (never contains '_'),
//                 checksum = hex of the CRC-32/IEEE of "gl" service_id "_"
//                 secret, written as 4 little-endian bytes (8 lowercase hex).
//
// A legacy key always starts with "eyJ" and a token with "gl", so the two
// never collide. Nothing here touches a hash or the state.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace keyledger::domain {

inline constexpr std::string_view kSecretAlphabet =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// Maps each byte b to kSecretAlphabet[b % 62]: one character per byte.
std::string AlnumFromBytes(std::span<const unsigned char> random_bytes);

struct LegacyKeyParts {
  std::string k;
  std::string name;
  int64_t org_id = 0;
  bool operator==(const LegacyKeyParts&) const = default;
};

// Padded standard base64 of the compact JSON {"k":..,"n":..,"id":..}, fields
// in exactly that order.
std::string EncodeLegacyKey(const LegacyKeyParts& parts);
// Inverse of EncodeLegacyKey. nullopt when the text is not padded standard
// base64 of a JSON object with string "k", string "n" and integer "id".
std::optional<LegacyKeyParts> DecodeLegacyKey(std::string_view presented);

struct TokenParts {
  std::string service_id;
  std::string secret;
  std::string checksum;
  bool operator==(const TokenParts&) const = default;
};

// "gl" + service_id + "_" + secret + "_" + checksum (see the grammar above).
std::string EncodeToken(std::string_view service_id, std::string_view secret);
// nullopt unless `presented` starts with "gl", splits on '_' into exactly
// three parts and the checksum matches the first two.
std::optional<TokenParts> DecodeToken(std::string_view presented);

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_KEY_FORMAT_H_
