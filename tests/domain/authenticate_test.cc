#define BOOST_TEST_MODULE authenticate
#include "domain/authenticate.h"

#include <boost/test/unit_test.hpp>

#include "domain/key_format.h"
#include "scenario.h"

namespace keyledger::domain {
namespace {

using namespace testing;

constexpr std::string_view kK = "V1qLvztgOJ89Rov23uFXc2CjbFTnocbL";
constexpr std::string_view kSecret = "yscW25imSKJIuav8zF37RZmnbiDvB05G";

Event LegacyKeyWithSecret(int64_t id, int64_t org, std::string name,
                          HashedSecret hash,
                          std::optional<int64_t> expires = {}) {
  return ApiKeyCreated{org, id, name, Role::kEditor, hash, kNow - 10, expires};
}

Event TokenWithSecret(int64_t id, int64_t org, int64_t sa, std::string name,
                      HashedSecret hash, std::optional<int64_t> expires = {}) {
  return TokenCreated{org,           sa,   id,        name,
                      Role::kViewer, hash, kNow - 10, expires};
}

std::string Unauthenticated(const Result<KeyIdentity>& r) {
  if (r) return "<ok>";
  BOOST_TEST((r.error().code == ErrorCode::kUnauthenticated));
  return r.error().message;
}

BOOST_AUTO_TEST_SUITE(authenticate)

BOOST_AUTO_TEST_CASE(legacy_key_is_found_by_org_and_name_and_verified) {
  const State state =
      Given({Org(1), LegacyKeyWithSecret(7, 1, "grafana", Hash(kK))});
  const std::string presented =
      EncodeLegacyKey({std::string(kK), "grafana", 1});
  BOOST_TEST(ResolvePresentedKey(state, presented) ==
             std::optional<int64_t>(7));
}

BOOST_AUTO_TEST_CASE(imported_grafana_legacy_key_verifies_with_pbkdf2) {
  const HashedSecret grafana{
      HashScheme::kPbkdf2Sha256,
      "02e7a8a565078bba0ec230a99921aca74bfcdd06d6e3202ee3bd4e8ffd1542dc3c79ce1a"
      "ad9150792240bd4487bb87fa24ad"};
  const State state =
      Given({Org(1), LegacyKeyWithSecret(3, 1, "grafana", grafana)});
  BOOST_TEST(ResolvePresentedKey(
                 state,
                 "eyJrIjoiVjFxTHZ6dGdPSjg5Um92MjN1RlhjMkNqYkZUbm9jYkwiLCJuIjoi"
                 "Z3JhZmFuYSIsImlkIjoxfQ==") == std::optional<int64_t>(3));
}

BOOST_AUTO_TEST_CASE(legacy_key_with_wrong_secret_name_or_org_is_invalid) {
  const State state =
      Given({Org(1), Org(2), LegacyKeyWithSecret(7, 1, "grafana", Hash(kK))});
  BOOST_TEST(
      !ResolvePresentedKey(state, EncodeLegacyKey({"wrong", "grafana", 1})));
  BOOST_TEST(!ResolvePresentedKey(
      state, EncodeLegacyKey({std::string(kK), "other", 1})));
  BOOST_TEST(!ResolvePresentedKey(
      state, EncodeLegacyKey({std::string(kK), "grafana", 2})));
  BOOST_TEST(!ResolvePresentedKey(state, "garbage"));
  BOOST_TEST(!ResolvePresentedKey(state, ""));
}

// A legacy key is found by the SHA-256 of its secret first: a secret that is
// another key's, under this key's org and name, is not this key's.
BOOST_AUTO_TEST_CASE(legacy_key_with_another_keys_secret_is_invalid) {
  constexpr std::string_view kThird = "Zt3Kq9wLmN2pR7sVxY4bC6dF8gH1jJ5k";
  const State state =
      Given({Org(1), Org(2), LegacyKeyWithSecret(7, 1, "grafana", Hash(kK)),
             LegacyKeyWithSecret(8, 1, "other", Hash(kSecret)),
             LegacyKeyWithSecret(9, 2, "grafana", Hash(kThird))});
  for (const LegacyKeyParts& parts : {
           LegacyKeyParts{std::string(kSecret), "grafana", 1},
           LegacyKeyParts{std::string(kK), "other", 1},
           LegacyKeyParts{std::string(kK), "grafana", 2},
           LegacyKeyParts{std::string(kThird), "grafana", 1}}) {
    BOOST_TEST(!ResolvePresentedKey(state, EncodeLegacyKey(parts)));
    BOOST_TEST((ResolvePresentedKeyFast(state, EncodeLegacyKey(parts)).outcome ==
                FastResolution::Outcome::kNotFound));
  }
  BOOST_TEST(ResolvePresentedKey(
                 state, EncodeLegacyKey({std::string(kThird), "grafana", 2})) ==
             std::optional<int64_t>(9));
}

// Catalogue case 39 (lookup part): a token is found by the hash of its secret.
BOOST_AUTO_TEST_CASE(token_is_found_by_the_sha256_of_its_secret) {
  const State state = Given({Org(1), Account(5, 1, "ci"),
                             TokenWithSecret(9, 1, 5, "t", Hash(kSecret))});
  BOOST_TEST(ResolvePresentedKey(state, EncodeToken("sa", kSecret)) ==
             std::optional<int64_t>(9));
}

// Catalogue case 44: a token imported from Grafana carries the PBKDF2 hash.
BOOST_AUTO_TEST_CASE(imported_grafana_token_verifies_with_pbkdf2_of_checksum) {
  const HashedSecret grafana{
      HashScheme::kPbkdf2Sha256,
      "c59a6e547944ef768df51d1fc8b2a9810bc777a0bd2e5daa9ef8590f300c884e0ab9470c"
      "22c6f789414fdb6485b531166ded"};
  const State state = Given(
      {Org(1), Account(5, 1, "ci"), TokenWithSecret(9, 1, 5, "t", grafana)});
  BOOST_TEST(ResolvePresentedKey(
                 state, "glsa_iNValIdinValiDinvalidinvalidinva_5b582697") ==
             std::optional<int64_t>(9));
}

BOOST_AUTO_TEST_CASE(token_with_bad_checksum_or_unknown_secret_is_invalid) {
  const State state = Given({Org(1), Account(5, 1, "ci"),
                             TokenWithSecret(9, 1, 5, "t", Hash(kSecret))});
  BOOST_TEST(!ResolvePresentedKey(
      state, "glsa_yscW25imSKJIuav8zF37RZmnbiDvB05G_00000000"));
  BOOST_TEST(!ResolvePresentedKey(
      state, EncodeToken("sa", "otherSecretOtherSecretOtherSecre")));
}

// The fast resolution decides what SHA-256 can, and leaves the PBKDF2
// comparisons (imported rows, unknown tokens) to ResolvePresentedKey.
BOOST_AUTO_TEST_CASE(fast_resolution_stops_before_pbkdf2) {
  using Outcome = FastResolution::Outcome;
  const HashedSecret grafana{HashScheme::kPbkdf2Sha256, "00"};
  const State state = Given({Org(1), Account(5, 1, "ci"),
                             TokenWithSecret(9, 1, 5, "t", Hash(kSecret)),
                             LegacyKeyWithSecret(7, 1, "mine", Hash(kK)),
                             LegacyKeyWithSecret(8, 1, "grafana", grafana)});
  const FastResolution token =
      ResolvePresentedKeyFast(state, EncodeToken("sa", kSecret));
  BOOST_TEST((token.outcome == Outcome::kFound));
  BOOST_TEST(token.key_id == 9);
  BOOST_TEST(token.key == &state.keys.at(9));
  const FastResolution legacy = ResolvePresentedKeyFast(
      state, EncodeLegacyKey({std::string(kK), "mine", 1}));
  BOOST_TEST((legacy.outcome == Outcome::kFound));
  BOOST_TEST(legacy.key_id == 7);
  BOOST_TEST(legacy.key == &state.keys.at(7));
  BOOST_TEST((ResolvePresentedKeyFast(
                  state, EncodeLegacyKey({"wrong", "mine", 1}))
                  .outcome == Outcome::kNotFound));
  BOOST_TEST((ResolvePresentedKeyFast(
                  state, EncodeLegacyKey({std::string(kK), "absent", 1}))
                  .outcome == Outcome::kNotFound));
  BOOST_TEST((ResolvePresentedKeyFast(state, "garbage").outcome ==
              Outcome::kNotFound));
  BOOST_TEST((ResolvePresentedKeyFast(
                  state, EncodeLegacyKey({std::string(kK), "grafana", 1}))
                  .outcome == Outcome::kNeedsSlowHash));
  BOOST_TEST((ResolvePresentedKeyFast(
                  state, EncodeToken("sa", "otherSecretOtherSecretOtherSecre"))
                  .outcome == Outcome::kNeedsSlowHash));
}

// SPEC §5: migrated keys keep working (the legacy path finds migrated rows).
BOOST_AUTO_TEST_CASE(
    migrated_legacy_key_still_resolves_and_acts_as_its_account) {
  const State state =
      Given({Org(1), LegacyKeyWithSecret(7, 1, "grafana", Hash(kK)),
             Account(20, 1, "sa-autogen-grafana", Role::kEditor),
             ApiKeyMigrated{1, 7, 20}});
  const auto id = ResolvePresentedKey(
      state, EncodeLegacyKey({std::string(kK), "grafana", 1}));
  BOOST_REQUIRE(id);
  const Result<KeyIdentity> identity = CheckKey(state, *id, std::nullopt, kNow);
  BOOST_REQUIRE(identity);
  BOOST_TEST((identity->kind == ActorKind::kServiceAccount));
  BOOST_TEST(identity->service_account_id == 20);
  BOOST_TEST((identity->role == Role::kEditor));
}

// Catalogue case 39.
BOOST_AUTO_TEST_CASE(legacy_key_acts_as_an_api_key_with_its_role) {
  const State state = Given({Org(1), LegacyKey(1, 1, "k", Role::kAdmin)});
  const Result<KeyIdentity> identity = CheckKey(state, 1, 1, kNow);
  BOOST_REQUIRE(identity);
  BOOST_TEST((identity->kind == ActorKind::kApiKey));
  BOOST_TEST(identity->key_id == 1);
  BOOST_TEST(identity->org_id == 1);
  BOOST_TEST((identity->role == Role::kAdmin));
  BOOST_TEST(identity->login == "k");
}

// Catalogue case 40.
BOOST_AUTO_TEST_CASE(token_acts_as_its_service_account) {
  const State state =
      Given({Org(1), Account(1, 1, "test"), Token(2, 1, 1, "t")});
  const Result<KeyIdentity> identity = CheckKey(state, 2, std::nullopt, kNow);
  BOOST_REQUIRE(identity);
  BOOST_TEST((identity->kind == ActorKind::kServiceAccount));
  BOOST_TEST(identity->service_account_id == 1);
  BOOST_TEST((identity->role == Role::kViewer));
  BOOST_TEST(identity->login == "sa-1-test");
}

BOOST_AUTO_TEST_CASE(unknown_or_deleted_key_is_invalid) {
  const State state =
      Given({Org(1), LegacyKey(1, 1, "k"), ApiKeyDeleted{1, 1}});
  BOOST_TEST(Unauthenticated(CheckKey(state, 1, 1, kNow)) == "Invalid API key");
  BOOST_TEST(Unauthenticated(CheckKey(state, 99, 1, kNow)) ==
             "Invalid API key");
}

// The server records a use only when RecordKeyUse would: never used, or
// last used kKeyUseInterval seconds ago or more.
BOOST_AUTO_TEST_CASE(use_is_due_when_never_used_or_last_used_long_enough_ago) {
  const State state = Given({Org(1), Account(1, 1, "s"), LegacyKey(1, 1, "a"),
                             Token(2, 1, 1, "t"), LegacyKey(3, 1, "b"),
                             KeyUsed{1, 2, kNow - kKeyUseInterval + 1},
                             KeyUsed{1, 3, kNow - kKeyUseInterval}});
  BOOST_TEST(CheckKey(state, 1, 1, kNow)->use_due);
  BOOST_TEST(!CheckKey(state, 2, 1, kNow)->use_due);
  BOOST_TEST(CheckKey(state, 3, 1, kNow)->use_due);
}

// Catalogue case 41; expired means expires <= now.
BOOST_AUTO_TEST_CASE(key_expiring_now_or_before_is_expired) {
  const State state = Given({Org(1), LegacyKey(1, 1, "a", Role::kViewer, kNow),
                             LegacyKey(2, 1, "b", Role::kViewer, 0),
                             LegacyKey(3, 1, "c", Role::kViewer, kNow + 1)});
  BOOST_TEST(Unauthenticated(CheckKey(state, 1, 1, kNow)) == "Expired API key");
  BOOST_TEST(Unauthenticated(CheckKey(state, 2, 1, kNow)) == "Expired API key");
  BOOST_TEST(CheckKey(state, 3, 1, kNow).has_value());
}

// Catalogue case 42.
BOOST_AUTO_TEST_CASE(revoked_token_is_rejected) {
  const State state = Given(
      {Org(1), Account(1, 1, "s"), Token(2, 1, 1, "t"), TokenRevoked{1, 1, 2}});
  BOOST_TEST(Unauthenticated(CheckKey(state, 2, 1, kNow)) == "Revoked API key");
}

BOOST_AUTO_TEST_CASE(key_of_another_org_is_rejected) {
  const State state = Given({Org(1), Org(2), LegacyKey(1, 1, "k")});
  BOOST_TEST(Unauthenticated(CheckKey(state, 1, 2, kNow)) ==
             "API key does not belong to the requested organization");
}

BOOST_AUTO_TEST_CASE(token_of_a_disabled_account_is_rejected) {
  const State state = Given(
      {Org(1), Account(1, 1, "s", Role::kViewer, true), Token(2, 1, 1, "t")});
  BOOST_TEST(Unauthenticated(CheckKey(state, 2, 1, kNow)) ==
             "Service account is disabled");
}

BOOST_AUTO_TEST_CASE(checks_run_in_order_expired_revoked_org_disabled) {
  const State state =
      Given({Org(1), Org(2), Account(1, 1, "s", Role::kViewer, true),
             Token(2, 1, 1, "t", kNow), TokenRevoked{1, 1, 2},
             Token(3, 1, 1, "u"), TokenRevoked{1, 1, 3}, Token(4, 1, 1, "v")});
  BOOST_TEST(Unauthenticated(CheckKey(state, 2, 2, kNow)) == "Expired API key");
  BOOST_TEST(Unauthenticated(CheckKey(state, 3, 2, kNow)) == "Revoked API key");
  BOOST_TEST(Unauthenticated(CheckKey(state, 4, 2, kNow)) ==
             "API key does not belong to the requested organization");
  BOOST_TEST(Unauthenticated(CheckKey(state, 4, 1, kNow)) ==
             "Service account is disabled");
}

BOOST_AUTO_TEST_CASE(user_authenticates_by_login_or_email) {
  const State state =
      Given({UserCreated{4, "alice", "alice@example.com", "Alice",
                         HashPassword("pw", "salt"), "salt", false, 0}});
  BOOST_TEST(*AuthenticateUser(state, "alice", "pw") == 4);
  BOOST_TEST(*AuthenticateUser(state, "alice@example.com", "pw") == 4);
}

BOOST_AUTO_TEST_CASE(
    wrong_password_unknown_user_or_service_account_is_rejected) {
  const State state =
      Given({Org(1),
             UserCreated{4, "alice", "", "Alice", HashPassword("pw", "salt"),
                         "salt", false, 0},
             Account(5, 1, "bot")});
  for (auto [login, password] :
       {std::pair{"alice", "PW"}, std::pair{"bob", "pw"},
        std::pair{"sa-1-bot", ""}, std::pair{"alice", ""}}) {
    const Result<int64_t> result = AuthenticateUser(state, login, password);
    BOOST_REQUIRE(!result);
    BOOST_TEST((result.error().code == ErrorCode::kUnauthenticated));
    BOOST_TEST(result.error().message == "Invalid username or password");
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::domain
