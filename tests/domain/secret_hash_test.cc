#define BOOST_TEST_MODULE secret_hash
#include "domain/secret_hash.h"

#include <boost/test/unit_test.hpp>

#include "domain/key_format.h"

namespace keyledger::domain {
namespace {

BOOST_AUTO_TEST_SUITE(secret_hash)

BOOST_AUTO_TEST_CASE(sha256_matches_the_fips_vector) {
  BOOST_TEST(
      Sha256Hex("abc") ==
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

BOOST_AUTO_TEST_CASE(pbkdf2_of_the_docs_legacy_key_matches_the_reference) {
  BOOST_TEST(Pbkdf2Sha256Hex("V1qLvztgOJ89Rov23uFXc2CjbFTnocbL", "grafana") ==
             "02e7a8a565078bba0ec230a99921aca74bfcdd06d6e3202ee3bd4e8ffd1542dc"
             "3c79ce1aad9150792240bd4487bb87fa24ad");
}

// Catalogue case 44: the token vector's hash.
BOOST_AUTO_TEST_CASE(pbkdf2_of_the_token_vector_matches_the_reference) {
  BOOST_TEST(Pbkdf2Sha256Hex("iNValIdinValiDinvalidinvalidinva", "5b582697") ==
             "c59a6e547944ef768df51d1fc8b2a9810bc777a0bd2e5daa9ef8590f300c884e"
             "0ab9470c22c6f789414fdb6485b531166ded");
}

BOOST_AUTO_TEST_CASE(new_secrets_are_tagged_sha256) {
  const HashedSecret hash = HashNewSecret("abc");
  BOOST_TEST((hash.scheme == HashScheme::kSha256));
  BOOST_TEST(hash.hex.str() == Sha256Hex("abc"));
}

BOOST_AUTO_TEST_CASE(verify_accepts_the_right_secret_under_each_scheme) {
  BOOST_TEST(VerifySecret(HashNewSecret("s3cret"), "s3cret", "ignored"));
  const HashedSecret grafana{
      HashScheme::kPbkdf2Sha256,
      "02e7a8a565078bba0ec230a99921aca74bfcdd06d6e3202ee3bd4e8ffd1542dc3c79ce1a"
      "ad9150792240bd4487bb87fa24ad"};
  BOOST_TEST(
      VerifySecret(grafana, "V1qLvztgOJ89Rov23uFXc2CjbFTnocbL", "grafana"));
}

BOOST_AUTO_TEST_CASE(verify_rejects_a_wrong_secret_or_salt) {
  BOOST_TEST(!VerifySecret(HashNewSecret("s3cret"), "s3creT", ""));
  const HashedSecret grafana = HashPassword("pw", "salt");
  BOOST_TEST(!VerifySecret(grafana, "pw", "other salt"));
  BOOST_TEST(!VerifySecret(grafana, "pW", "salt"));
  BOOST_TEST(VerifySecret(grafana, "pw", "salt"));
}

BOOST_AUTO_TEST_CASE(passwords_are_tagged_pbkdf2) {
  const HashedSecret hash = HashPassword("pw", "salt");
  BOOST_TEST((hash.scheme == HashScheme::kPbkdf2Sha256));
  BOOST_TEST(hash.hex.str().size() == 100u);
}

BOOST_AUTO_TEST_CASE(constant_time_equals_compares_content_and_length) {
  BOOST_TEST(ConstantTimeEquals("abc", "abc"));
  BOOST_TEST(ConstantTimeEquals("", ""));
  BOOST_TEST(!ConstantTimeEquals("abc", "abd"));
  BOOST_TEST(!ConstantTimeEquals("abc", "abcd"));
}

// Catalogue case 45/46: a generated secret re-hashes to its stored hash.
BOOST_AUTO_TEST_CASE(a_generated_token_rehashes_to_its_stored_hash) {
  const std::string token =
      EncodeToken("sa", "yscW25imSKJIuav8zF37RZmnbiDvB05G");
  const auto parts = DecodeToken(token);
  BOOST_REQUIRE(parts);
  BOOST_TEST(VerifySecret(HashNewSecret("yscW25imSKJIuav8zF37RZmnbiDvB05G"),
                          parts->secret, parts->checksum));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
