#define BOOST_TEST_MODULE event_codec_test
#include <boost/test/unit_test.hpp>

#include <google/protobuf/message.h>

#include <set>

#include "eventstore/event_codec.h"

namespace d = keyledger::domain;
using keyledger::eventstore::DecodeEvent;
using keyledger::eventstore::EncodeEvent;
using keyledger::eventstore::RegisterUpcaster;

namespace {

// One fully populated sample of every event type, so that a field the codec
// forgets shows up as a round-trip difference.
std::vector<d::Event> Samples() {
  d::HashedSecret sha{d::HashScheme::kSha256, std::string(64, 'a')};
  d::HashedSecret pbkdf2{d::HashScheme::kPbkdf2Sha256, std::string(100, 'b')};
  return {
      d::OrgCreated{7, "Main Org.", 1700000000},
      d::UserCreated{2, "alice", "alice@example.com", "Alice", pbkdf2, "salt",
                     true, 1700000001},
      d::OrgUserAdded{7, 2, d::Role::kEditor},
      d::OrgUserRoleChanged{7, 2, d::Role::kAdmin},
      d::OrgUserRemoved{7, 2},
      d::ApiKeyCreated{7, 11, "ci key", d::Role::kAdmin, sha, 1700000002,
                       1700003600},
      d::ApiKeyCreated{7, 12, "forever", d::Role::kViewer, sha, 1700000002,
                       std::nullopt},
      d::ApiKeyDeleted{7, 11},
      d::ServiceAccountCreated{7, 3, "robot", "sa-7-robot", d::Role::kEditor,
                               true, 1700000003},
      d::ServiceAccountUpdated{7, 3, "robot 2", d::Role::kViewer, false,
                               1700000004},
      d::ServiceAccountDeleted{7, 3, {12, 13}},
      d::TokenCreated{7, 3, 13, "tok", d::Role::kViewer, sha, 1700000005, 42},
      d::TokenDeleted{7, 3, 13},
      d::TokenRevoked{7, 3, 13},
      d::ApiKeyMigrated{7, 12, 4},
      d::ApiKeysMigrationCompleted{7, 3, 2, 1, {14}, {"API key name: x - Error: y"}},
      d::ApiKeysHidden{7},
      d::TokenReverted{7, 12, 4},
      d::KeyUsed{7, 12, 1700000100},
  };
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_event_type_survives_a_round_trip) {
  std::set<size_t> covered;
  for (const d::Event& event : Samples()) {
    auto encoded = EncodeEvent(event);
    BOOST_TEST(encoded.type.rfind("keyledger.v1.", 0) == 0u);
    auto decoded = DecodeEvent(encoded.type, encoded.payload);
    BOOST_TEST_REQUIRE(decoded.has_value(), encoded.type);
    BOOST_TEST((*decoded == event), encoded.type);
    covered.insert(event.index());
  }
  BOOST_TEST(covered.size() == std::variant_size_v<d::Event>);
}

BOOST_AUTO_TEST_CASE(an_unknown_type_is_an_error_not_a_crash) {
  auto decoded = DecodeEvent("keyledger.v9.Nope", "");
  BOOST_TEST(!decoded.has_value());
}

BOOST_AUTO_TEST_CASE(a_garbage_payload_is_an_error) {
  auto decoded = DecodeEvent("keyledger.v1.ApiKeyCreated", "\xff\xff\xff");
  BOOST_TEST(!decoded.has_value());
}

BOOST_AUTO_TEST_CASE(an_upcaster_turns_a_retired_type_into_the_current_one) {
  RegisterUpcaster("keyledger.v0.KeysHidden", [](std::string_view payload) {
    return EncodeEvent(d::ApiKeysHidden{static_cast<int64_t>(payload.size())});
  });
  auto decoded = DecodeEvent("keyledger.v0.KeysHidden", "abc");
  BOOST_TEST_REQUIRE(decoded.has_value());
  BOOST_TEST((*decoded == d::Event{d::ApiKeysHidden{3}}));
}

BOOST_AUTO_TEST_CASE(the_parsed_payload_is_handed_out_for_a_current_type_only) {
  const google::protobuf::Message* parsed = nullptr;
  auto encoded = EncodeEvent(d::ApiKeyDeleted{7, 11});
  auto decoded = DecodeEvent(encoded.type, encoded.payload, &parsed);
  BOOST_TEST_REQUIRE(decoded.has_value());
  BOOST_TEST_REQUIRE(parsed != nullptr);
  BOOST_TEST(parsed->GetTypeName() == encoded.type);
  BOOST_TEST(parsed->SerializeAsString() == encoded.payload);

  RegisterUpcaster("keyledger.v0.OrgHidden", [](std::string_view) {
    return EncodeEvent(d::ApiKeysHidden{5});
  });
  decoded = DecodeEvent("keyledger.v0.OrgHidden", "", &parsed);
  BOOST_TEST_REQUIRE(decoded.has_value());
  BOOST_TEST((*decoded == d::Event{d::ApiKeysHidden{5}}));
  BOOST_TEST(parsed == nullptr);  // its payload is not of the message's type
}
