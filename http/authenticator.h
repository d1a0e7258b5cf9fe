#ifndef KEYLEDGER_HTTP_AUTHENTICATOR_H_
#define KEYLEDGER_HTTP_AUTHENTICATOR_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "domain/error.h"
#include "http/principal.h"
#include "http/request.h"

namespace keyledger::projections {
class Ledger;
}

namespace keyledger::http {

// Turns a request's credentials into a Principal (SPEC §5, reference §5):
// `Authorization: Bearer <key>`, `Basic base64(api_key:<key>)`, `Basic
// base64(login:password)`; `X-Grafana-Org-Id` selects the org. Errors are
// kUnauthenticated with Grafana's messages (e.g. "Invalid API key",
// "Expired API key") or kPermissionDenied for a non-member org.
// Secrets verified with a slow (PBKDF2) hash are cached by a fast hash of the
// presented secret, but the key's state (deleted, revoked, expired, disabled) is checked every time.
// Thread-safe.
class Authenticator {
 public:
  // REQUIRES: `ledger` outlives the authenticator.
  explicit Authenticator(projections::Ledger& ledger);
  ~Authenticator();
  [[nodiscard]] domain::Result<Principal> Authenticate(const Request& request) const;
  // Authenticate without blocking, for an I/O thread: nullopt when it would
  // wait for a lock or compute a PBKDF2 hash (passwords and imported keys
  // not yet cached); call Authenticate on a thread that may block.
  [[nodiscard]] std::optional<domain::Result<Principal>> TryAuthenticate(
      const Request& request) const;

  // Called with (key id, its org, now) after every successful key/token
  // authentication. REQUIRES: set before serving; `sink` must not block.
  using KeyUseSink =
      std::function<void(int64_t key_id, int64_t org_id, int64_t now)>;
  void SetKeyUseSink(KeyUseSink sink);

 private:
  class Cache;
  std::optional<domain::Result<Principal>> Authenticate(const Request& request,
                                                        bool may_block) const;
  std::optional<domain::Result<Principal>> AuthenticateKey(
      const std::string& presented, std::optional<int64_t> requested_org,
      bool may_block) const;
  // nullopt only when !may_block and PBKDF2 or a lock wait is needed.
  std::optional<domain::Result<Principal>> AuthenticateLogin(
      const std::string& login, const std::string& password,
      std::optional<int64_t> requested_org, bool may_block) const;
  projections::Ledger& ledger_;
  std::unique_ptr<Cache> cache_;
  KeyUseSink key_use_sink_;
};

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_AUTHENTICATOR_H_
