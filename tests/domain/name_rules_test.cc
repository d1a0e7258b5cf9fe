#define BOOST_TEST_MODULE name_rules
#include "domain/name_rules.h"

#include <boost/test/unit_test.hpp>

namespace keyledger::domain {
namespace {

std::string ErrorOf(const Result<void>& r) {
  return r ? std::string("<ok>") : r.error().message;
}

std::string Repeat(std::string_view unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out.append(unit);
  return out;
}

BOOST_AUTO_TEST_SUITE(name_rules)

BOOST_AUTO_TEST_CASE(name_is_required) {
  BOOST_TEST(ErrorOf(ValidateName("", "bad request data")) ==
             "bad request data: name is required");
  BOOST_TEST(ErrorOf(ValidateName("", "Bad request data")) ==
             "Bad request data: name is required");
}

BOOST_AUTO_TEST_CASE(length_counts_code_points_up_to_190) {
  BOOST_TEST(ValidateName(Repeat("a", 190), "p").has_value());
  BOOST_TEST(
      ValidateName(Repeat("\xc3\xa9", 190), "p").has_value());  // 380 bytes
  BOOST_TEST(ErrorOf(ValidateName(Repeat("a", 191), "p")) ==
             "p: name is longer than 190 characters");
  BOOST_TEST(ErrorOf(ValidateName(Repeat("\xe2\x82\xac", 191), "p")) ==
             "p: name is longer than 190 characters");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_rejected) {
  for (const char* bad : {"\xff", "a\xc3", "\xc0\xaf", "\xed\xa0\x80",
                          "\xf4\x90\x80\x80", "\xe2\x28\xa1"}) {
    BOOST_TEST(ErrorOf(ValidateName(bad, "p")) == "p: name is not valid UTF-8");
  }
  BOOST_TEST(Utf8Length("\xf0\x9f\x94\x91 key") == 5);
}

BOOST_AUTO_TEST_CASE(login_embeds_org_and_lowercased_name) {
  BOOST_TEST(ServiceAccountLogin("sa", 1, "satest-6") == "sa-1-satest-6");
  BOOST_TEST(ServiceAccountLogin("sa", 1, "New SA") == "sa-1-new-sa");
  BOOST_TEST(ServiceAccountLogin("sa", 12, "new Service Account") ==
             "sa-12-new-service-account");
  BOOST_TEST(ServiceAccountLogin("sa-autogen", 3, "My Key") ==
             "sa-autogen-3-my-key");
}

BOOST_AUTO_TEST_CASE(login_collapses_only_the_first_double_hyphen) {
  BOOST_TEST(ServiceAccountLogin("sa", 1, "a--b--c") == "sa-1-a-b--c");
  BOOST_TEST(ServiceAccountLogin("sa", 1, "-x") == "sa-1-x");
  // Spaces become hyphens after the collapse, so they are not collapsed.
  BOOST_TEST(ServiceAccountLogin("sa", 1, "a  b") == "sa-1-a--b");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
