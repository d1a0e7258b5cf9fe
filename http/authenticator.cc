#include "http/authenticator.h"

#include <openssl/evp.h>

#include <charconv>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/authenticate.h"
#include "domain/secret_hash.h"
#include "projections/ledger.h"

namespace keyledger::http {
namespace {

using domain::ErrorCode;
using domain::MakeError;

constexpr size_t kMaxCachedSecrets = 10000;
constexpr std::string_view kOrgHeader = "X-Grafana-Org-Id";

// What the Authorization header presents.
struct Credentials {
  enum class Kind { kKey, kUser } kind = Kind::kKey;
  std::string key;  // kKey: the presented secret
  std::string login;
  std::string password;
};

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

std::optional<std::string> DecodeBase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  const int written = EVP_DecodeBlock(
      reinterpret_cast<unsigned char*>(out.data()),
      reinterpret_cast<const unsigned char*>(text.data()),
      static_cast<int>(text.size()));
  if (written < 0) return std::nullopt;
  size_t padding = 0;
  if (text.back() == '=') ++padding;
  if (text.size() >= 2 && text[text.size() - 2] == '=') ++padding;
  out.resize(static_cast<size_t>(written) - padding);
  return out;
}

domain::Error Unauthorized() {
  return MakeError(ErrorCode::kUnauthenticated, "Unauthorized");
}

// Bearer <key>, Basic api_key:<key>, Basic login:password (reference §5).
domain::Result<Credentials> ExtractCredentials(const Request& request) {
  std::string_view header = request.Header("Authorization");
  if (StartsWithNoCase(header, "Bearer ")) {
    std::string_view key = header.substr(7);
    while (!key.empty() && key.front() == ' ') key.remove_prefix(1);
    if (key.empty()) return Unauthorized();
    return Credentials{Credentials::Kind::kKey, std::string(key), {}, {}};
  }
  if (StartsWithNoCase(header, "Basic ")) {
    std::optional<std::string> decoded = DecodeBase64(header.substr(6));
    const size_t colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos) {
      return MakeError(ErrorCode::kUnauthenticated,
                       "Invalid Basic Auth Header");
    }
    std::string user = decoded->substr(0, colon);
    std::string pass = decoded->substr(colon + 1);
    if (user == "api_key") {
      return Credentials{Credentials::Kind::kKey, std::move(pass), {}, {}};
    }
    return Credentials{Credentials::Kind::kUser, {}, std::move(user),
                       std::move(pass)};
  }
  return Unauthorized();
}

// nullopt when the header is absent; kInvalidArgument when malformed.
domain::Result<std::optional<int64_t>> RequestedOrg(const Request& request) {
  std::string_view text = request.Header(kOrgHeader);
  if (text.empty()) return std::optional<int64_t>();
  int64_t org = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), org);
  if (ec != std::errc() || end != text.data() + text.size() || org < 1) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "X-Grafana-Org-Id is invalid");
  }
  return std::optional<int64_t>(org);
}

}  // namespace

// Fast hash of presented credentials -> the id they were verified to be.
// Only a positive, slow verification is cached; state checks run every time.
class Authenticator::Cache {
 public:
  std::optional<int64_t> Find(const std::string& digest) const {
    std::lock_guard lock(mutex_);
    auto it = ids_.find(digest);
    if (it == ids_.end()) return std::nullopt;
    return it->second;
  }
  void Insert(const std::string& digest, int64_t id) {
    std::lock_guard lock(mutex_);
    // Bounded: a full cache starts over (entries are cheap to rebuild).
    if (ids_.size() >= kMaxCachedSecrets) ids_.clear();
    ids_[digest] = id;
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, int64_t> ids_;
};

Authenticator::Authenticator(projections::Ledger& ledger)
    : ledger_(ledger), cache_(std::make_unique<Cache>()) {}

Authenticator::~Authenticator() = default;

void Authenticator::SetKeyUseSink(KeyUseSink sink) {
  key_use_sink_ = std::move(sink);
}

domain::Result<Principal> Authenticator::Authenticate(
    const Request& request) const {
  return *Authenticate(request, /*may_block=*/true);
}

std::optional<domain::Result<Principal>> Authenticator::TryAuthenticate(
    const Request& request) const {
  return Authenticate(request, /*may_block=*/false);
}

std::optional<domain::Result<Principal>> Authenticator::Authenticate(
    const Request& request, bool may_block) const {
  auto credentials = ExtractCredentials(request);
  if (!credentials) return credentials.error();
  auto requested_org = RequestedOrg(request);
  if (!requested_org) return requested_org.error();
  if (credentials->kind == Credentials::Kind::kKey) {
    return AuthenticateKey(credentials->key, *requested_org, may_block);
  }
  return AuthenticateLogin(credentials->login, credentials->password,
                           *requested_org, may_block);
}

std::optional<domain::Result<Principal>> Authenticator::AuthenticateKey(
    const std::string& presented, std::optional<int64_t> requested_org,
    bool may_block) const {
  using Outcome = domain::FastResolution::Outcome;
  using Identity = domain::Result<domain::KeyIdentity>;
  const int64_t now = ledger_.Now();
  const Identity invalid =
      MakeError(ErrorCode::kUnauthenticated, "Invalid API key");
  // nullopt: only a PBKDF2 hash could tell, and we may not block.
  auto identify = [&](const domain::State& state) -> std::optional<Identity> {
    const domain::FastResolution fast =
        domain::ResolvePresentedKeyFast(state, presented);
    if (fast.outcome == Outcome::kFound) {
      return domain::CheckKey(state, *fast.key, requested_org, now);
    }
    if (fast.outcome == Outcome::kNotFound) return invalid;
    const std::string digest = domain::Sha256Hex("key\n" + presented);
    std::optional<int64_t> key_id = cache_->Find(digest);
    if (!key_id && !may_block) return std::nullopt;
    if (!key_id) {
      key_id = domain::ResolvePresentedKey(state, presented);
      if (!key_id) return invalid;
      cache_->Insert(digest, *key_id);
    }
    return domain::CheckKey(state, *key_id, requested_org, now);
  };
  // ReadLatest: authentication must not wait on a write's fsync (see its
  // contract for why an in-flight group is safe to see here).
  std::optional<Identity> identity;
  if (may_block) {
    identity = ledger_.ReadLatest(identify);
  } else if (auto tried = ledger_.TryReadLatest(identify)) {
    identity = std::move(*tried);
  }
  if (!identity) return std::nullopt;
  if (!*identity) return identity->error();
  const domain::KeyIdentity& key = **identity;
  Principal principal;
  principal.actor.kind = key.kind;
  principal.actor.id = key.kind == domain::ActorKind::kApiKey
                           ? key.key_id
                           : key.service_account_id;
  principal.actor.login = key.login;
  principal.org_id = key.org_id;
  principal.org_role = key.role;
  principal.key = key;
  // Most uses are not due (the key was used in the last 5 minutes): those
  // skip the recorder, and its lock, altogether.
  if (key_use_sink_ && key.use_due) key_use_sink_(key.key_id, key.org_id, now);
  return principal;
}

std::optional<domain::Result<Principal>> Authenticator::AuthenticateLogin(
    const std::string& login, const std::string& password,
    std::optional<int64_t> requested_org, bool may_block) const {
  using Outcome = std::optional<domain::Result<Principal>>;
  // Length-prefixed so that ("a:b", "c") and ("a", "b:c") differ.
  const std::string digest = domain::Sha256Hex(
      "user\n" + std::to_string(login.size()) + ":" + login + password);
  std::optional<int64_t> cached = cache_->Find(digest);
  // nullopt: only PBKDF2 could tell, and we may not block.
  auto identify = [&](const domain::State& state) -> Outcome {
    int64_t user_id = 0;
    if (cached && state.users.contains(*cached)) {
      user_id = *cached;
    } else if (!may_block) {
      return std::nullopt;
    } else {
      auto verified = domain::AuthenticateUser(state, login, password);
      if (!verified) return verified.error();
      user_id = *verified;
      cache_->Insert(digest, user_id);
    }
    const domain::UserRecord& user = state.users.at(user_id);
    Principal principal;
    principal.actor.kind = user.is_server_admin ? domain::ActorKind::kServerAdmin
                                                : domain::ActorKind::kUser;
    principal.actor.id = user.id;
    principal.actor.login = user.login;
    principal.server_admin = user.is_server_admin;
    int64_t org = requested_org.value_or(0);
    if (org == 0 && user.is_server_admin) org = 1;
    if (org == 0 && !user.org_roles.empty()) {
      org = user.org_roles.begin()->first;
    }
    auto member = user.org_roles.find(org);
    const bool org_exists = state.orgs.contains(org);
    if (!org_exists ||
        (member == user.org_roles.end() && !user.is_server_admin)) {
      return MakeError(ErrorCode::kPermissionDenied,
                       "Access denied to the requested organization");
    }
    principal.org_id = org;
    principal.org_role =
        member == user.org_roles.end() ? domain::Role::kNone : member->second;
    return principal;
  };
  // ReadLatest, as for keys (see its contract): a staged change that could
  // let a login in (a user, an org, a membership or a role) makes it read
  // the committed state instead.
  if (may_block) return ledger_.ReadLatest(identify);
  if (auto tried = ledger_.TryReadLatest(identify)) return std::move(*tried);
  return std::nullopt;
}

}  // namespace keyledger::http
