#define BOOST_TEST_MODULE projections_random_secret_test
#include "projections/random_secret.h"

#include <boost/test/unit_test.hpp>
#include <set>
#include <string>

namespace keyledger::projections {
namespace {

BOOST_AUTO_TEST_CASE(secrets_have_the_length_and_alphabet_and_do_not_repeat) {
  std::set<std::string> seen;
  std::set<char> characters;
  for (int i = 0; i < 1000; ++i) {
    const std::string secret = RandomAlnum(32);
    BOOST_TEST(secret.size() == 32u);
    for (char c : secret) {
      BOOST_TEST(((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                  (c >= 'A' && c <= 'Z')),
                 "character " << int(c));
      characters.insert(c);
    }
    seen.insert(secret);
  }
  BOOST_TEST(seen.size() == 1000u);
  BOOST_TEST(characters.size() == 62u);  // 32,000 draws reach every one
  BOOST_TEST(RandomAlnum(0).empty());
  BOOST_TEST(RandomAlnum(300).size() == 300u);
}

}  // namespace
}  // namespace keyledger::projections
