#ifndef KEYLEDGER_DOMAIN_COMPACT_HEX_H_
#define KEYLEDGER_DOMAIN_COMPACT_HEX_H_

// A hex string stored compactly: 64 lowercase hex digits (a SHA-256, the
// hash of every secret we generate) as their 32 bytes inside the object;
// anything else (Grafana's 100-digit PBKDF2 hashes, empty) as the string.
// Every key record holds one, so this saves a 65-byte heap string per key.
// Each text has exactly one stored form, so equality of the objects is
// equality of the texts.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace keyledger::domain {

class CompactHex {
 public:
  using Digest = std::array<uint8_t, 32>;

  CompactHex() = default;
  CompactHex(std::string_view hex);  // NOLINT: implicit, like std::string
  CompactHex(const std::string& hex) : CompactHex(std::string_view(hex)) {}
  CompactHex(const char* hex) : CompactHex(std::string_view(hex)) {}
  // The hex of `digest` (no text formatted and parsed back).
  explicit CompactHex(const Digest& digest) : value_(digest) {}

  // The text, as given.
  std::string str() const;
  // Appends the text to `out` (no temporary string).
  void AppendTo(std::string& out) const;
  bool empty() const;
  // The 32 bytes when the text is 64 lowercase hex digits, else null.
  const Digest* digest() const { return std::get_if<Digest>(&value_); }
  // A hash of the text (the digest's first 8 bytes when it has one).
  uint64_t Hash() const;

  bool operator==(const CompactHex&) const = default;

 private:
  std::variant<std::string, Digest> value_;
};

// Parses 64 lowercase hex digits; false (leaving `out` unspecified) for any
// other text.
bool ParseDigest(std::string_view hex, CompactHex::Digest& out);

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_COMPACT_HEX_H_
