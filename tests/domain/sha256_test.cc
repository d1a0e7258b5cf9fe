#define BOOST_TEST_MODULE sha256
#include "domain/sha256.h"

#include <boost/test/unit_test.hpp>
#include <string>

namespace keyledger::domain {
namespace {

std::string Hex(const Sha256Digest& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : digest) {
    hex.push_back(kDigits[c >> 4]);
    hex.push_back(kDigits[c & 0x0f]);
  }
  return hex;
}

// FIPS 180-2's vectors, whole and split into parts anywhere (the hash
// chain hashes the previous hash and an envelope as two parts).
BOOST_AUTO_TEST_CASE(digests_match_the_fips_vectors_in_any_parts) {
  const std::string abc_digest =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  BOOST_TEST(Hex(Sha256({"abc"})) == abc_digest);
  BOOST_TEST(Hex(Sha256({"a", "bc"})) == abc_digest);
  BOOST_TEST(Hex(Sha256({"", "ab", "", "c"})) == abc_digest);
  BOOST_TEST(Hex(Sha256({})) ==
             "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const std::string two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  const std::string two_blocks_digest =
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
  BOOST_TEST(Hex(Sha256({two_blocks})) == two_blocks_digest);
  for (size_t at = 0; at <= two_blocks.size(); at += 7) {
    BOOST_TEST(Hex(Sha256({std::string_view(two_blocks).substr(0, at),
                           std::string_view(two_blocks).substr(at)})) == two_blocks_digest);
  }
}

}  // namespace
}  // namespace keyledger::domain
