#define BOOST_TEST_MODULE key_format
#include "domain/key_format.h"

#include <array>
#include <boost/test/unit_test.hpp>

namespace keyledger::domain {
namespace {

constexpr std::string_view kDocsKey =
    "eyJrIjoiVjFxTHZ6dGdPSjg5Um92MjN1RlhjMkNqYkZUbm9jYkwiLCJuIjoiZ3JhZmFuYSIs"
    "ImlkIjoxfQ==";

bool IsToken(std::string_view text) { return DecodeToken(text).has_value(); }
bool IsLegacyKey(std::string_view text) {
  return DecodeLegacyKey(text).has_value();
}

BOOST_AUTO_TEST_SUITE(key_format)

BOOST_AUTO_TEST_CASE(alnum_maps_each_byte_modulo_62) {
  const std::array<unsigned char, 6> bytes = {0, 10, 36, 61, 62, 255};
  BOOST_TEST(AlnumFromBytes(bytes) == "0Aaz07");
}

BOOST_AUTO_TEST_CASE(legacy_key_encodes_the_docs_example_exactly) {
  const LegacyKeyParts parts{"V1qLvztgOJ89Rov23uFXc2CjbFTnocbL", "grafana", 1};
  BOOST_TEST(EncodeLegacyKey(parts) == kDocsKey);
}

BOOST_AUTO_TEST_CASE(legacy_key_decodes_the_docs_example) {
  const auto parts = DecodeLegacyKey(kDocsKey);
  BOOST_REQUIRE(parts);
  BOOST_TEST(parts->k == "V1qLvztgOJ89Rov23uFXc2CjbFTnocbL");
  BOOST_TEST(parts->name == "grafana");
  BOOST_TEST(parts->org_id == 1);
}

// Catalogue case 46: a legacy key round-trips through its encoding.
BOOST_AUTO_TEST_CASE(legacy_key_round_trips_with_spaces_and_unicode) {
  const LegacyKeyParts parts{"abcdefghijklmnopqrstuvwxyz012345",
                             "Cool key \"quoted\" \xc3\xa9", 12};
  const std::string encoded = EncodeLegacyKey(parts);
  BOOST_TEST(encoded.starts_with("eyJ"));
  const auto decoded = DecodeLegacyKey(encoded);
  BOOST_REQUIRE(decoded);
  BOOST_TEST((*decoded == parts));
}

BOOST_AUTO_TEST_CASE(legacy_key_rejects_what_is_not_padded_base64_json) {
  BOOST_TEST(!IsLegacyKey(""));
  BOOST_TEST(!IsLegacyKey("not base64!"));
  BOOST_TEST(!IsLegacyKey(kDocsKey.substr(0, kDocsKey.size() - 2)));
  BOOST_TEST(!IsLegacyKey("e30="));                                  // {}
  BOOST_TEST(!IsLegacyKey("WzEsMiwzXQ=="));                          // [1,2,3]
  BOOST_TEST(!IsLegacyKey("eyJrIjoiYSIsIm4iOiJiIiwiaWQiOiIxIn0="));  // id "1"
}

BOOST_AUTO_TEST_CASE(token_vector_decodes_into_service_secret_and_checksum) {
  // Catalogue case 44.
  const auto parts =
      DecodeToken("glsa_iNValIdinValiDinvalidinvalidinva_5b582697");
  BOOST_REQUIRE(parts);
  BOOST_TEST(parts->service_id == "sa");
  BOOST_TEST(parts->secret == "iNValIdinValiDinvalidinvalidinva");
  BOOST_TEST(parts->checksum == "5b582697");
}

BOOST_AUTO_TEST_CASE(token_encoding_writes_the_crc32_little_endian) {
  BOOST_TEST(EncodeToken("sa", "iNValIdinValiDinvalidinvalidinva") ==
             "glsa_iNValIdinValiDinvalidinvalidinva_5b582697");
  BOOST_TEST(EncodeToken("sa", "yscW25imSKJIuav8zF37RZmnbiDvB05G") ==
             "glsa_yscW25imSKJIuav8zF37RZmnbiDvB05G_fcaaf58a");
  BOOST_TEST(EncodeToken("sa", "9244xlVFZK0j8Lh4fU8Cz6Z5tO664zIi") ==
             "glsa_9244xlVFZK0j8Lh4fU8Cz6Z5tO664zIi_ebffb49c");
}

BOOST_AUTO_TEST_CASE(other_verified_token_is_valid) {
  BOOST_TEST(IsToken("glsa_VVQjot0nijQ59lun6pMZRtsdBXxnFQ9M_77c34a79"));
}

BOOST_AUTO_TEST_CASE(token_with_wrong_checksum_is_rejected) {
  // The docs example has a wrong checksum (reference §2.3).
  BOOST_TEST(!IsToken("glsa_9244xlVFZK0j8Lh4fU8Cz6Z5tO664zIi_7a762939"));
  BOOST_TEST(!IsToken("glsa_VVQjot0nijQ59lun6pMZRtsdBXxnFQ9M_77c34a78"));
  BOOST_TEST(!IsToken("glsa_VVQjot0nijQ59lun6pMZRtsdBXxnFQ9m_77c34a79"));
}

BOOST_AUTO_TEST_CASE(token_must_start_with_gl_and_have_three_parts) {
  BOOST_TEST(!IsToken("xlsa_VVQjot0nijQ59lun6pMZRtsdBXxnFQ9M_77c34a79"));
  BOOST_TEST(!IsToken("glsa_VVQjot0nijQ59lun6pMZRtsdBXxnFQ9M"));
  const std::string four_parts = EncodeToken("sa", "a_b");
  BOOST_TEST(!IsToken(four_parts));
}

BOOST_AUTO_TEST_CASE(token_accepts_any_service_id) {
  const auto parts = DecodeToken(EncodeToken("xy", "secret"));
  BOOST_REQUIRE(parts);
  BOOST_TEST(parts->service_id == "xy");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
