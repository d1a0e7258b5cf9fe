#ifndef KEYLEDGER_DOMAIN_NAME_RULES_H_
#define KEYLEDGER_DOMAIN_NAME_RULES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/error.h"

namespace keyledger::domain {

// Longest name of a key, token, service account or org, in code points.
inline constexpr size_t kMaxNameLength = 190;

// kInvalidArgument "<message_prefix>: name is required" / "...: name is not
// valid UTF-8" / "...: name is longer than 190 characters".
[[nodiscard]] Result<void> ValidateName(std::string_view name,
                                        std::string_view message_prefix);

// Number of code points, or -1 when `text` is not valid UTF-8
// (overlong forms, surrogates and values above U+10FFFF are invalid).
int64_t Utf8Length(std::string_view text);

// Grafana's newest generateLogin: "<prefix>-<org_id>-<lower(name)>", then the
// first "--" becomes "-", then every space becomes "-". Lowercasing is ASCII
// only (Grafana lowercases all of Unicode).
std::string ServiceAccountLogin(std::string_view prefix, int64_t org_id,
                                std::string_view name);

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_NAME_RULES_H_
