#define BOOST_TEST_MODULE compact_hex
#include "domain/compact_hex.h"

#include <boost/test/unit_test.hpp>
#include <string>

namespace keyledger::domain {
namespace {

const std::string kSha =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

BOOST_AUTO_TEST_SUITE(compact_hex)

BOOST_AUTO_TEST_CASE(a_lowercase_sha256_hex_is_stored_as_its_bytes) {
  const CompactHex hex(kSha);
  BOOST_REQUIRE(hex.digest() != nullptr);
  BOOST_TEST((*hex.digest())[0] == 0xba);
  BOOST_TEST((*hex.digest())[31] == 0xad);
  BOOST_TEST(hex.str() == kSha);
  std::string prefixed = "h";
  hex.AppendTo(prefixed);
  BOOST_TEST(prefixed == "h" + kSha);
  BOOST_TEST(!hex.empty());
  BOOST_TEST(hex.Hash() == CompactHex(kSha).Hash());
}

BOOST_AUTO_TEST_CASE(built_from_a_digest_it_equals_the_digest_hex) {
  CompactHex::Digest bytes{};
  BOOST_REQUIRE(ParseDigest(kSha, bytes));
  const CompactHex from_bytes(bytes);
  BOOST_TEST(from_bytes.str() == kSha);
  BOOST_TEST((from_bytes == CompactHex(kSha)));
  BOOST_TEST(from_bytes.Hash() == CompactHex(kSha).Hash());
}

// Each text has one stored form, so equality follows the text.
BOOST_AUTO_TEST_CASE(other_texts_are_kept_as_given) {
  std::string upper = kSha;
  upper[0] = 'B';
  const std::string pbkdf2(100, 'c');
  for (const std::string& text :
       {upper, pbkdf2, kSha.substr(0, 63), kSha + "0", std::string()}) {
    const CompactHex hex(text);
    BOOST_TEST(hex.digest() == nullptr);
    BOOST_TEST(hex.str() == text);
    std::string prefixed = "h";
    hex.AppendTo(prefixed);
    BOOST_TEST(prefixed == "h" + text);
    BOOST_TEST(!(hex == CompactHex(kSha)));
  }
  BOOST_TEST(CompactHex("").empty());
  BOOST_TEST(CompactHex().empty());
  BOOST_TEST((CompactHex(pbkdf2) == CompactHex(std::string(100, 'c'))));
}

BOOST_AUTO_TEST_CASE(parse_digest_rejects_anything_but_64_lowercase_digits) {
  CompactHex::Digest bytes;
  BOOST_TEST(ParseDigest(kSha, bytes));
  std::string bad = kSha;
  bad[10] = 'g';
  BOOST_TEST(!ParseDigest(bad, bytes));
  BOOST_TEST(!ParseDigest(kSha.substr(1), bytes));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
