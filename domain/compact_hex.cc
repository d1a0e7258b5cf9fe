#include "domain/compact_hex.h"

#include <cstring>
#include <functional>

namespace keyledger::domain {
namespace {

constexpr char kDigits[] = "0123456789abcdef";

// The value of each byte as a lowercase hex digit, or -1.
constexpr std::array<int8_t, 256> kDigitValues = [] {
  std::array<int8_t, 256> values{};
  values.fill(-1);
  for (int i = 0; i < 16; ++i) values[static_cast<uint8_t>(kDigits[i])] = i;
  return values;
}();

}  // namespace

bool ParseDigest(std::string_view hex, CompactHex::Digest& out) {
  if (hex.size() != 2 * out.size()) return false;
  // A table lookup per digit and one validity check at the end: this runs
  // for every key a State loads.
  int invalid = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    const int high = kDigitValues[static_cast<uint8_t>(hex[2 * i])];
    const int low = kDigitValues[static_cast<uint8_t>(hex[2 * i + 1])];
    invalid |= high | low;
    out[i] = static_cast<uint8_t>(high << 4 | low);
  }
  return invalid >= 0;
}

CompactHex::CompactHex(std::string_view hex) {
  Digest digest;
  if (ParseDigest(hex, digest)) {
    value_ = digest;
  } else {
    value_ = std::string(hex);
  }
}

std::string CompactHex::str() const {
  std::string hex;
  AppendTo(hex);
  return hex;
}

void CompactHex::AppendTo(std::string& out) const {
  const Digest* bytes = digest();
  if (bytes == nullptr) {
    out += std::get<std::string>(value_);
    return;
  }
  const size_t start = out.size();
  out.resize(start + 2 * bytes->size());
  for (size_t i = 0; i < bytes->size(); ++i) {
    out[start + 2 * i] = kDigits[(*bytes)[i] >> 4];
    out[start + 2 * i + 1] = kDigits[(*bytes)[i] & 0xf];
  }
}

bool CompactHex::empty() const {
  const std::string* text = std::get_if<std::string>(&value_);
  return text != nullptr && text->empty();
}

uint64_t CompactHex::Hash() const {
  if (const Digest* bytes = digest()) {
    uint64_t head;
    std::memcpy(&head, bytes->data(), sizeof head);
    return head;
  }
  return std::hash<std::string>{}(std::get<std::string>(value_));
}

}  // namespace keyledger::domain
