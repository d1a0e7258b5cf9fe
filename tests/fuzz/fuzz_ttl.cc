// Fuzz target: the TTL parser and expiry resolution (domain/ttl.h). Input:
// byte 0 picks the limits and the input shape, the rest is the timeToLive
// text (or, as a decimal, secondsToLive). No crash, no signed overflow
// (UBSan), and a parsed TTL is never negative.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/ttl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace keyledger::domain;
  if (size == 0) return 0;
  const uint8_t mode = data[0];
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

  auto parsed = ParseTimeToLive(text);
  if (parsed && *parsed < 0) std::abort();

  TtlInput ttl;
  if (mode & 1) ttl.time_to_live = text;
  if (mode & 2) {
    // secondsToLive from the text when it is a number, else a wide value.
    char* end = nullptr;
    const long long n = std::strtoll(text.c_str(), &end, 10);
    ttl.seconds_to_live = static_cast<int64_t>(n);
  }
  const int64_t limits_table[] = {-1, 0, 1, 2592000, INT64_MAX};
  Limits limits{.api_key_max_seconds_to_live = limits_table[(mode >> 2) % 5],
                .token_expiration_day_limit = (mode & 0x20) ? 30 : -1};
  const int64_t now = (mode & 0x40) ? 0 : 1'700'000'000;
  auto expiry = ResolveExpiry(ttl, limits, now, (mode & 0x80) != 0);
  (void)expiry;
  return 0;
}
