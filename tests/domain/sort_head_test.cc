#define BOOST_TEST_MODULE sort_head
#include "domain/sort_head.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace keyledger::domain {
namespace {

BOOST_AUTO_TEST_SUITE(sort_head)

// Strings whose heads must order as their bytes do: a shared prefix of
// several words, bytes above 0x7f (which would order first if read as
// signed chars), and lengths on both sides of a word's end.
BOOST_AUTO_TEST_CASE(heads_order_as_the_bytes_of_their_first_32) {
  const std::vector<std::string> sorted = {
      "",
      "a",
      "payments-reader-key",
      "payments-reader-key-1",
      "payments-reader-key-10",
      "payments-reader-key-2",
      "payments-writer",
      "z",
      std::string("z\x7f"),
      std::string("z\x80"),
      std::string("z\xff"),
  };
  for (size_t i = 0; i + 1 < sorted.size(); ++i) {
    BOOST_TEST_CONTEXT("\"" << sorted[i] << "\" < \"" << sorted[i + 1] << "\"") {
      BOOST_TEST((SortHead::Of(sorted[i]) < SortHead::Of(sorted[i + 1])));
    }
  }
}

BOOST_AUTO_TEST_CASE(strings_equal_in_their_first_32_bytes_have_equal_heads) {
  const std::string prefix(32, 'k');
  BOOST_TEST((SortHead::Of(prefix + "a") == SortHead::Of(prefix + "b")));
  BOOST_TEST((SortHead::Of(prefix) == SortHead::Of(prefix + "zzz")));
  BOOST_TEST((SortHead::Of(prefix.substr(0, 31) + "a") <
              SortHead::Of(prefix.substr(0, 31) + "b")));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
