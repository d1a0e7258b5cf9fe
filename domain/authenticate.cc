#include "domain/authenticate.h"

#include "domain/key_format.h"
#include "domain/secret_hash.h"

namespace keyledger::domain {
namespace {

Error Unauthenticated(std::string message) {
  return MakeError(ErrorCode::kUnauthenticated, std::move(message));
}

// A key whose hash is `hex` and whose scheme is `scheme`.
const KeyRecord* FindByHash(const State& state, const CompactHex& hex,
                            HashScheme scheme) {
  const KeyRecord* key = state.key_by_hash.Find(hex);
  if (key == nullptr || key->hash.scheme != scheme) return nullptr;
  return key;
}

FastResolution Found(const KeyRecord* key) {
  return key ? FastResolution{FastResolution::Outcome::kFound, key->id, key}
             : FastResolution{FastResolution::Outcome::kNotFound, 0, nullptr};
}

constexpr FastResolution kNeedsSlowHash{
    FastResolution::Outcome::kNeedsSlowHash, 0, nullptr};

// kNeedsSlowHash when only Grafana's PBKDF2(secret, checksum) for imported
// rows could still match; with `slow`, computes it instead.
FastResolution ResolveToken(const State& state, std::string_view presented,
                            bool slow) {
  const std::optional<TokenParts> token = DecodeToken(presented);
  if (!token) return Found(nullptr);
  if (const KeyRecord* key = FindByHash(
          state, HashNewSecret(token->secret).hex, HashScheme::kSha256)) {
    return Found(key);
  }
  if (!slow) return kNeedsSlowHash;
  return Found(FindByHash(state,
                          Pbkdf2Sha256Hex(token->secret, token->checksum),
                          HashScheme::kPbkdf2Sha256));
}

// A legacy key names its org and itself. Keys that keyledger made store the
// SHA-256 of the secret, so they are found as tokens are, by that hash, and
// then must carry the presented org and name (one key per org and name, in
// Grafana's one name space of keys and tokens). Otherwise (keys imported from
// Grafana, PBKDF2 salted with the name; a wrong secret; no such key) the key
// is looked up by org and name and its secret verified. At 10^6 keys that
// lookup is some 20 comparisons through the B-tree, each reading a name from
// its record, where the hash lookup reads one record.
FastResolution ResolveLegacyKey(const State& state,
                                std::string_view presented, bool slow) {
  const std::optional<LegacyKeyParts> parts = DecodeLegacyKey(presented);
  if (!parts) return Found(nullptr);
  const HashedSecret sha256 = HashNewSecret(parts->k);
  if (const KeyRecord* key =
          FindByHash(state, sha256.hex, HashScheme::kSha256);
      key != nullptr && key->org_id == parts->org_id &&
      key->name == parts->name) {
    return Found(key);
  }
  const KeyRecord* key =
      state.key_by_org_name.Find(parts->org_id, parts->name);
  if (key == nullptr) return Found(nullptr);
  if (!slow && key->hash.scheme != HashScheme::kSha256) {
    return kNeedsSlowHash;
  }
  if (!VerifySecret(key->hash, parts->k, parts->name)) return Found(nullptr);
  return Found(key);
}

FastResolution Resolve(const State& state, std::string_view presented,
                       bool slow) {
  return presented.starts_with("gl") ? ResolveToken(state, presented, slow)
                                     : ResolveLegacyKey(state, presented, slow);
}

const UserRecord* FindUser(const State& state, std::string_view login) {
  if (const auto it = state.user_by_login.find(login);
      it != state.user_by_login.end()) {
    if (const auto user = state.users.find(it->second);
        user != state.users.end()) {
      return &user->second;
    }
  }
  for (const auto& [id, user] : state.users) {
    if (!user.email.empty() && user.email == login) return &user;
  }
  return nullptr;
}

}  // namespace

std::optional<int64_t> ResolvePresentedKey(const State& state,
                                           std::string_view presented) {
  const FastResolution resolved = Resolve(state, presented, /*slow=*/true);
  if (resolved.outcome != FastResolution::Outcome::kFound) return std::nullopt;
  return resolved.key_id;
}

FastResolution ResolvePresentedKeyFast(const State& state,
                                       std::string_view presented) {
  return Resolve(state, presented, /*slow=*/false);
}

Result<KeyIdentity> CheckKey(const State& state, int64_t key_id,
                             std::optional<int64_t> requested_org,
                             int64_t now) {
  const auto it = state.keys.find(key_id);
  if (it == state.keys.end()) return Unauthenticated("Invalid API key");
  return CheckKey(state, it->second, requested_org, now);
}

Result<KeyIdentity> CheckKey(const State& state, const KeyRecord& key,
                             std::optional<int64_t> requested_org,
                             int64_t now) {
  if (key.expires && *key.expires <= now) {
    return Unauthenticated("Expired API key");
  }
  if (key.revoked) return Unauthenticated("Revoked API key");
  if (requested_org && *requested_org != key.org_id) {
    return Unauthenticated(
        "API key does not belong to the requested organization");
  }
  if (!key.service_account_id) {
    return KeyIdentity{ActorKind::kApiKey, key.id,   0,
                       key.org_id,         key.role, key.name,
                       KeyUseDue(key, now)};
  }
  const auto sa = state.service_accounts.find(*key.service_account_id);
  if (sa == state.service_accounts.end()) {
    return Unauthenticated("Invalid API key");
  }
  if (sa->second.disabled)
    return Unauthenticated("Service account is disabled");
  return KeyIdentity{ActorKind::kServiceAccount,
                     key.id,
                     sa->second.id,
                     key.org_id,
                     sa->second.role,
                     sa->second.login,
                     KeyUseDue(key, now)};
}

Result<int64_t> AuthenticateUser(const State& state, std::string_view login,
                                 std::string_view password) {
  const UserRecord* user = FindUser(state, login);
  if (user == nullptr) {
    // Same cost as a wrong password, so timing does not reveal logins.
    (void)Pbkdf2Sha256Hex(password, login);
    return Unauthenticated("Invalid username or password");
  }
  if (password.empty() ||
      !VerifySecret(user->password, password, user->password_salt)) {
    return Unauthenticated("Invalid username or password");
  }
  return user->id;
}

}  // namespace keyledger::domain
