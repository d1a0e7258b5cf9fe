#define BOOST_TEST_MODULE http_openapi_validator_test
#include "tests/http/openapi_validator.h"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace keyledger::http::testing {
namespace {

using boost::json::parse;

const OpenApiValidator& Grafana() {
  static const OpenApiValidator validator =
      OpenApiValidator::FromFile(KEYLEDGER_OPENAPI_SCHEMA);
  return validator;
}

std::vector<std::string> Check(std::string_view definition,
                               std::string_view json, bool strict = true) {
  return Grafana().Validate(Grafana().Definition(definition), parse(json),
                            strict);
}

BOOST_AUTO_TEST_SUITE(openapi_validator)

BOOST_AUTO_TEST_CASE(a_grafana_shaped_token_is_valid_with_null_optional_times) {
  const auto problems =
      Check("TokenDTO", R"({"id":1,"name":"t","created":"2022-03-23T10:31:02Z",
      "lastUsedAt":null,"expiration":null,"secondsUntilExpiration":0,
      "hasExpired":false,"isRevoked":false})");
  BOOST_TEST(problems.empty(), Describe(problems));
}

BOOST_AUTO_TEST_CASE(
    wrong_types_formats_and_enums_are_reported_with_their_path) {
  auto problems =
      Check("TokenDTO", R"({"id":"1","created":"yesterday","hasExpired":0})");
  BOOST_TEST(problems.size() == 3u, Describe(problems));
  BOOST_TEST(Describe(problems).find("$.id: expected integer") !=
             std::string::npos);
  BOOST_TEST(Describe(problems).find("$.created: not an RFC 3339") !=
             std::string::npos);
  problems = Check("ApiKeyDTO", R"({"id":1,"name":"k","role":"Boss"})");
  BOOST_TEST(problems.size() == 1u, Describe(problems));
  problems = Check("ApiKeyDTO", R"({"id":1.5})");
  BOOST_TEST(problems.size() == 1u, Describe(problems));
}

BOOST_AUTO_TEST_CASE(refs_items_and_required_are_followed) {
  auto problems = Check("SearchOrgServiceAccountsResult",
                        R"({"totalCount":1,"page":1,"perPage":10,
                            "serviceAccounts":[{"id":1,"isDisabled":"no"}]})");
  BOOST_TEST(problems.size() == 1u, Describe(problems));
  BOOST_TEST(problems.at(0).starts_with("$.serviceAccounts[0].isDisabled"));
  problems = Check("ErrorResponseBody", R"({"status":"x"})");
  BOOST_TEST(problems.size() == 1u, Describe(problems));
  problems = Check("ErrorResponseBody", R"({"message":null})");
  BOOST_TEST(problems.size() == 1u, Describe(problems));
  const auto& orgs = Grafana().ResponseSchema("GET", "/orgs", 200);
  problems =
      Grafana().Validate(orgs, parse(R"([{"id":1,"name":"a"},{"id":"x"}])"));
  BOOST_TEST(problems.size() == 1u, Describe(problems));
  problems = Grafana().Validate(orgs, parse(R"({"id":1})"));
  BOOST_TEST(problems.size() == 1u, Describe(problems));
}

BOOST_AUTO_TEST_CASE(undeclared_properties_fail_only_in_strict_mode) {
  BOOST_TEST(Check("OrgDTO", R"({"id":1,"name":"a","extra":true})").size() ==
             1u);
  BOOST_TEST(
      Check("OrgDTO", R"({"id":1,"name":"a","extra":true})", false).empty());
  // additionalProperties schemas cover maps.
  BOOST_TEST(Check("Metadata", R"({"a":true,"b":false})").empty());
  BOOST_TEST(Check("Metadata", R"({"a":1})").size() == 1u);
}

BOOST_AUTO_TEST_CASE(unknown_paths_and_statuses_throw) {
  BOOST_CHECK_THROW(Grafana().ResponseSchema("GET", "/nope", 200),
                    std::out_of_range);
  BOOST_CHECK_THROW(Grafana().ResponseSchema("GET", "/orgs", 201),
                    std::out_of_range);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http::testing
