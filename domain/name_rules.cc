#include "domain/name_rules.h"

#include <algorithm>

namespace keyledger::domain {
namespace {

// Length of the sequence led by `lead`, or 0 when it cannot lead one.
int SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

// The allowed range of the second byte after `lead` (RFC 3629 table).
bool SecondByteValid(unsigned char lead, unsigned char second) {
  if (lead == 0xe0) return second >= 0xa0 && second <= 0xbf;
  if (lead == 0xed) return second >= 0x80 && second <= 0x9f;
  if (lead == 0xf0) return second >= 0x90 && second <= 0xbf;
  if (lead == 0xf4) return second >= 0x80 && second <= 0x8f;
  return second >= 0x80 && second <= 0xbf;
}

}  // namespace

int64_t Utf8Length(std::string_view text) {
  int64_t count = 0;
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const int length = SequenceLength(lead);
    if (length == 0 || i + length > text.size()) return -1;
    if (length > 1 &&
        !SecondByteValid(lead, static_cast<unsigned char>(text[i + 1]))) {
      return -1;
    }
    for (int j = 2; j < length; ++j) {
      const auto next = static_cast<unsigned char>(text[i + j]);
      if (next < 0x80 || next > 0xbf) return -1;
    }
    i += length;
    ++count;
  }
  return count;
}

Result<void> ValidateName(std::string_view name,
                          std::string_view message_prefix) {
  const std::string prefix(message_prefix);
  if (name.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     prefix + ": name is required");
  }
  const int64_t length = Utf8Length(name);
  if (length < 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     prefix + ": name is not valid UTF-8");
  }
  if (length > static_cast<int64_t>(kMaxNameLength)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     prefix + ": name is longer than 190 characters");
  }
  return {};
}

std::string ServiceAccountLogin(std::string_view prefix, int64_t org_id,
                                std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  std::string login =
      std::string(prefix) + "-" + std::to_string(org_id) + "-" + lower;
  if (const size_t pos = login.find("--"); pos != std::string::npos) {
    login.replace(pos, 2, "-");
  }
  std::replace(login.begin(), login.end(), ' ', '-');
  return login;
}

}  // namespace keyledger::domain
