#define BOOST_TEST_MODULE ttl
#include "domain/ttl.h"

#include <boost/test/unit_test.hpp>

namespace keyledger::domain {
namespace {

constexpr int64_t kNow = 1700000000;  // 2023-11-14T22:13:20Z

Limits Unlimited() { return Limits{-1, -1}; }

TtlInput Seconds(int64_t s) { return TtlInput{s, std::nullopt}; }
TtlInput Text(std::string t) { return TtlInput{std::nullopt, std::move(t)}; }

std::string ErrorOf(const Result<std::optional<int64_t>>& r) {
  return r ? std::string("<ok>") : r.error().message;
}

BOOST_AUTO_TEST_SUITE(ttl)

BOOST_AUTO_TEST_CASE(time_to_live_accepts_every_unit_of_the_product_page) {
  BOOST_TEST(*ParseTimeToLive("30s") == 30);
  BOOST_TEST(*ParseTimeToLive("15m") == 900);
  BOOST_TEST(*ParseTimeToLive("12h") == 43200);
  BOOST_TEST(*ParseTimeToLive("7d") == 604800);
  BOOST_TEST(*ParseTimeToLive("2w") == 1209600);
  BOOST_TEST(*ParseTimeToLive("1M") == 2592000);
  BOOST_TEST(*ParseTimeToLive("0s") == 0);
}

BOOST_AUTO_TEST_CASE(malformed_time_to_live_names_the_accepted_form) {
  for (const char* bad :
       {"", "s", "10", "10x", "1.5h", "-1h", " 1h", "1h ", "1H", "1y",
        "99999999999999999999s", "9223372036854775807M"}) {
    const Result<int64_t> parsed = ParseTimeToLive(bad);
    BOOST_TEST_CONTEXT(bad) {
      BOOST_REQUIRE(!parsed);
      BOOST_TEST(parsed.error().message.find("<number><unit>") !=
                 std::string::npos);
    }
  }
}

// Catalogue cases 2 and 3: 0 means no expiry; otherwise now + seconds.
BOOST_AUTO_TEST_CASE(expiry_is_now_plus_seconds_and_absent_for_zero) {
  BOOST_TEST(!*ResolveExpiry(Seconds(0), Unlimited(), kNow, false));
  BOOST_TEST(!*ResolveExpiry(TtlInput{}, Unlimited(), kNow, false));
  BOOST_TEST(**ResolveExpiry(Seconds(3600), Unlimited(), kNow, false) ==
             kNow + 3600);
  BOOST_TEST(**ResolveExpiry(Text("1M"), Unlimited(), kNow, true) ==
             kNow + 2592000);
}

BOOST_AUTO_TEST_CASE(both_seconds_and_text_are_rejected) {
  const TtlInput both{60, "1m"};
  BOOST_TEST(
      ErrorOf(ResolveExpiry(both, Unlimited(), kNow, false)) ==
      "bad request data: secondsToLive and timeToLive cannot both be set");
  BOOST_TEST(
      ErrorOf(ResolveExpiry(both, Unlimited(), kNow, true)) ==
      "Bad request data: secondsToLive and timeToLive cannot both be set");
}

BOOST_AUTO_TEST_CASE(bad_text_is_a_bad_request_with_the_handlers_prefix) {
  const auto result = ResolveExpiry(Text("7 days"), Unlimited(), kNow, false);
  BOOST_REQUIRE(!result);
  BOOST_TEST(result.error().message.starts_with("bad request data: "));
  BOOST_TEST((result.error().code == ErrorCode::kInvalidArgument));
}

// Catalogue cases 5 and 22.
BOOST_AUTO_TEST_CASE(negative_seconds_are_rejected_with_the_kinds_message) {
  BOOST_TEST(ErrorOf(ResolveExpiry(Seconds(-3600), Unlimited(), kNow, false)) ==
             "negative value for SecondsToLive");
  BOOST_TEST(ErrorOf(ResolveExpiry(Seconds(-10), Unlimited(), kNow, true)) ==
             "invalid SecondsToLive value");
  Limits limited{3600, -1};
  BOOST_TEST(ErrorOf(ResolveExpiry(Seconds(-10), limited, kNow, false)) ==
             "negative value for SecondsToLive");
}

// Catalogue cases 28 and 47.
BOOST_AUTO_TEST_CASE(global_maximum_requires_a_ttl_within_it) {
  const Limits limited{3600, -1};
  for (bool is_token : {false, true}) {
    BOOST_TEST(ErrorOf(ResolveExpiry(TtlInput{}, limited, kNow, is_token)) ==
               "Number of seconds before expiration should be set");
    BOOST_TEST(ErrorOf(ResolveExpiry(Seconds(0), limited, kNow, is_token)) ==
               "Number of seconds before expiration should be set");
    BOOST_TEST(ErrorOf(ResolveExpiry(Seconds(3601), limited, kNow, is_token)) ==
               "Number of seconds before expiration is greater than the "
               "global limit");
    BOOST_TEST(**ResolveExpiry(Seconds(3600), limited, kNow, is_token) ==
               kNow + 3600);
  }
}

BOOST_AUTO_TEST_CASE(default_maximum_is_thirty_days) {
  const Limits defaults;
  BOOST_TEST(**ResolveExpiry(Text("1M"), defaults, kNow, false) ==
             kNow + 2592000);
  BOOST_TEST(ErrorOf(ResolveExpiry(Text("31d"), defaults, kNow, false)) ==
             "Number of seconds before expiration is greater than the global "
             "limit");
  BOOST_TEST(ErrorOf(ResolveExpiry(TtlInput{}, defaults, kNow, false)) ==
             "Number of seconds before expiration should be set");
}

BOOST_AUTO_TEST_CASE(an_expiry_beyond_the_clock_range_is_rejected) {
  const auto result =
      ResolveExpiry(Seconds(std::numeric_limits<int64_t>::max() - 10),
                    Unlimited(), kNow, false);
  BOOST_REQUIRE(!result);
  BOOST_TEST((result.error().code == ErrorCode::kInvalidArgument));
}

// SPEC §8: with a day limit a token must expire, on or before the limit day.
BOOST_AUTO_TEST_CASE(token_day_limit_compares_utc_days) {
  const Limits limits{-1, 4};
  const std::string kMessage =
      "The expiration date input exceeds the limit for service account access "
      "tokens expiration date";
  BOOST_TEST(ErrorOf(ResolveExpiry(TtlInput{}, limits, kNow, true)) ==
             kMessage);
  // kNow is 22:13 UTC: 4 days + 1h45m still ends on the limit day.
  BOOST_TEST(**ResolveExpiry(Seconds(4 * 86400 + 6300), limits, kNow, true) ==
             kNow + 4 * 86400 + 6300);
  BOOST_TEST(ErrorOf(ResolveExpiry(Seconds(4 * 86400 + 6500), limits, kNow,
                                   true)) == kMessage);
}

BOOST_AUTO_TEST_CASE(token_day_limit_does_not_apply_to_legacy_keys) {
  const Limits limits{-1, 4};
  BOOST_TEST(!*ResolveExpiry(TtlInput{}, limits, kNow, false));
  BOOST_TEST(**ResolveExpiry(Text("2w"), limits, kNow, false) ==
             kNow + 1209600);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
