#include "domain/secret_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <boost/algorithm/hex.hpp>
#include <iterator>
#include <stdexcept>

#include "domain/sha256.h"

namespace keyledger::domain {
namespace {

constexpr int kPbkdf2Iterations = 10000;
constexpr int kPbkdf2KeyLength = 50;

std::string ToHex(const unsigned char* data, size_t size) {
  std::string hex;
  hex.reserve(size * 2);
  boost::algorithm::hex_lower(data, data + size, std::back_inserter(hex));
  return hex;
}

// OpenSSL's SHA-256 for PBKDF2, fetched once: EVP_sha256() makes every use
// fetch the implementation again from the provider.
const EVP_MD* Pbkdf2Digest() {
  static const EVP_MD* const md = [] {
    const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (fetched == nullptr) throw std::runtime_error("no SHA-256 in OpenSSL");
    return fetched;
  }();
  return md;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  const Sha256Digest digest = Sha256({data});
  return ToHex(digest.data(), digest.size());
}

std::string Pbkdf2Sha256Hex(std::string_view password, std::string_view salt) {
  std::array<unsigned char, kPbkdf2KeyLength> derived{};
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), kPbkdf2Iterations,
                        Pbkdf2Digest(), kPbkdf2KeyLength, derived.data()) != 1) {
    throw std::runtime_error("PKCS5_PBKDF2_HMAC failed");
  }
  return ToHex(derived.data(), derived.size());
}

namespace {

// Compares a computed hex hash with a stored one in constant time.
bool MatchesStored(std::string_view computed, const CompactHex& stored) {
  if (const CompactHex::Digest* digest = stored.digest()) {
    CompactHex::Digest bytes;
    return ParseDigest(computed, bytes) &&
           CRYPTO_memcmp(bytes.data(), digest->data(), bytes.size()) == 0;
  }
  return ConstantTimeEquals(computed, stored.str());
}

// The same for a computed SHA-256, without formatting it as hex when the
// stored hash is a digest too (it is for every secret we generate).
bool MatchesStored(const Sha256Digest& computed, const CompactHex& stored) {
  if (const CompactHex::Digest* digest = stored.digest()) {
    return CRYPTO_memcmp(computed.data(), digest->data(), computed.size()) == 0;
  }
  return MatchesStored(ToHex(computed.data(), computed.size()), stored);
}

}  // namespace

HashedSecret HashNewSecret(std::string_view secret) {
  return HashedSecret{HashScheme::kSha256, CompactHex(Sha256({secret}))};
}

bool VerifySecret(const HashedSecret& stored, std::string_view secret,
                  std::string_view salt) {
  switch (stored.scheme) {
    case HashScheme::kSha256:
      return MatchesStored(Sha256({secret}), stored.hex);
    case HashScheme::kPbkdf2Sha256:
      return MatchesStored(Pbkdf2Sha256Hex(secret, salt), stored.hex);
  }
  return false;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

HashedSecret HashPassword(std::string_view password, std::string_view salt) {
  return HashedSecret{HashScheme::kPbkdf2Sha256,
                      Pbkdf2Sha256Hex(password, salt)};
}

}  // namespace keyledger::domain
