#ifndef KEYLEDGER_DOMAIN_TTL_H_
#define KEYLEDGER_DOMAIN_TTL_H_

// Time-to-live rules for legacy keys and service-account tokens.

#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/commands.h"
#include "domain/context.h"
#include "domain/error.h"

namespace keyledger::domain {

// Parses "<digits><unit>", unit one of s m h d w M (M = 30 days), into
// seconds. kInvalidArgument (message names the accepted form, without a
// "bad request data" prefix) for anything else or on overflow.
[[nodiscard]] Result<int64_t> ParseTimeToLive(std::string_view text);

// The absolute expiry (Unix seconds) of a key or token created at `now`, or
// nullopt for "never". Applies, in order: both inputs given; timeToLive
// syntax; negative; [auth] api_key_max_seconds_to_live (< 0 = unlimited);
// for tokens, [service_accounts] token_expiration_day_limit (> 0: the token
// must expire, and not on a UTC day after now + limit days). Every error is
// kInvalidArgument with Grafana's message (prefixed "bad request data" for
// legacy keys, "Bad request data" for tokens where the message is ours).
[[nodiscard]] Result<std::optional<int64_t>> ResolveExpiry(const TtlInput& ttl,
                                                           const Limits& limits,
                                                           int64_t now,
                                                           bool is_token);

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_TTL_H_
