#ifndef KEYLEDGER_DOMAIN_AUTHENTICATE_H_
#define KEYLEDGER_DOMAIN_AUTHENTICATE_H_

// Authentication decisions: which key a presented secret is, whether that key
// may act now, and user/password checks. Pure functions of the state.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/actor.h"
#include "domain/error.h"
#include "domain/role.h"
#include "domain/state.h"

namespace keyledger::domain {

// Who a key acts as. For a legacy key: kind kApiKey, login = key name,
// role = key role, service_account_id 0. For a token (or migrated key):
// kind kServiceAccount, the account's id, login and role.
struct KeyIdentity {
  ActorKind kind = ActorKind::kApiKey;
  int64_t key_id = 0;
  int64_t service_account_id = 0;
  int64_t org_id = 0;
  Role role = Role::kViewer;
  std::string login;
  bool use_due = true;  // KeyUseDue: a RecordKeyUse would record this use
};

// The key row a presented secret belongs to (format -> lookup -> hash), or
// nullopt ("Invalid API key"). Tokens ("gl..."): looked up by the SHA-256 of
// their secret, else by Grafana's PBKDF2(secret, checksum) for imported
// rows. Legacy keys: decoded, found by (org, name) (migrated rows too) and
// verified with VerifySecret(row.hash, k, name). Does not check expiry,
// revocation, org or account state (see CheckKey).
std::optional<int64_t> ResolvePresentedKey(const State& state,
                                           std::string_view presented);

// ResolvePresentedKey without the PBKDF2 schemes, which cost milliseconds of
// CPU: kFound (with key_id) or kNotFound when the fast schemes decide, else
// kNeedsSlowHash (call ResolvePresentedKey where blocking is fine).
struct FastResolution {
  enum class Outcome { kFound, kNotFound, kNeedsSlowHash };
  Outcome outcome = Outcome::kNotFound;
  int64_t key_id = 0;
  const KeyRecord* key = nullptr;  // kFound: the row, valid while `state` is
};
FastResolution ResolvePresentedKeyFast(const State& state,
                                       std::string_view presented);

// Whether key `key_id` may act now, in this order: unknown/deleted ->
// "Invalid API key"; expires <= now -> "Expired API key"; revoked ->
// "Revoked API key"; requested_org set and different -> "API key does not
// belong to the requested organization"; its service account disabled ->
// "Service account is disabled". All errors are kUnauthenticated.
[[nodiscard]] Result<KeyIdentity> CheckKey(const State& state, int64_t key_id,
                                           std::optional<int64_t> requested_org,
                                           int64_t now);
// CheckKey of a row of `state` already found (spares a lookup by id).
[[nodiscard]] Result<KeyIdentity> CheckKey(const State& state,
                                           const KeyRecord& key,
                                           std::optional<int64_t> requested_org,
                                           int64_t now);

// The user id whose login or email is `login` and whose password matches,
// else kUnauthenticated "Invalid username or password". Service accounts
// never match.
[[nodiscard]] Result<int64_t> AuthenticateUser(const State& state,
                                               std::string_view login,
                                               std::string_view password);

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_AUTHENTICATE_H_
