#ifndef KEYLEDGER_HTTP_PRINCIPAL_H_
#define KEYLEDGER_HTTP_PRINCIPAL_H_

#include <cstdint>
#include <optional>

#include "domain/actor.h"
#include "domain/authenticate.h"
#include "domain/role.h"

namespace keyledger::http {

// Who sent a request and in which org it acts.
struct Principal {
  domain::Actor actor;
  int64_t org_id = 0;  // the org the request acts in (X-Grafana-Org-Id or default)
  domain::Role org_role = domain::Role::kNone;  // the actor's role there
  bool server_admin = false;
  // Set when authenticated by an API key or service-account token.
  std::optional<domain::KeyIdentity> key;
};

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_PRINCIPAL_H_
