#define BOOST_TEST_MODULE time_text_test
#include <boost/test/unit_test.hpp>

#include "domain/time_text.h"

using keyledger::domain::FormatTimeMs;
using keyledger::domain::FormatTimeSeconds;
using keyledger::domain::ParseTimeMs;

BOOST_AUTO_TEST_CASE(unix_seconds_and_rfc3339_forms_parse_to_milliseconds) {
  BOOST_TEST(*ParseTimeMs("1700000000") == 1700000000000);
  BOOST_TEST(*ParseTimeMs("2023-11-14T22:13:20Z") == 1700000000000);
  BOOST_TEST(*ParseTimeMs("2023-11-14T23:13:20+01:00") == 1700000000000);
  BOOST_TEST(*ParseTimeMs("2023-11-14T22:13:20.5Z") == 1700000000500);
  BOOST_TEST(*ParseTimeMs("2023-11-14T22:13:20.123456Z") == 1700000000123);
}

BOOST_AUTO_TEST_CASE(malformed_times_are_rejected) {
  for (const char* bad : {"", "yesterday", "2023-11-14", "2023-11-14T22:13:20",
                          "2023-13-14T22:13:20Z", "2023-11-14T22:13:20.Z",
                          "2023-11-14T22:13:20+1:00", "17000000000x"}) {
    BOOST_TEST(!ParseTimeMs(bad).has_value(), bad);
  }
}

BOOST_AUTO_TEST_CASE(formatting_is_utc_rfc3339) {
  BOOST_TEST(FormatTimeMs(1700000000123) == "2023-11-14T22:13:20.123Z");
  BOOST_TEST(FormatTimeSeconds(1700000000) == "2023-11-14T22:13:20Z");
  BOOST_TEST(*ParseTimeMs(FormatTimeMs(1234567890987)) == 1234567890987);
}
