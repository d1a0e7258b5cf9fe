#ifndef KEYLEDGER_PROJECTIONS_BOOTSTRAP_H_
#define KEYLEDGER_PROJECTIONS_BOOTSTRAP_H_

#include <optional>
#include <string>

#include "domain/error.h"
#include "projections/ledger.h"

namespace keyledger::projections {

// What the first start created.
struct BootstrapResult {
  // Set only when the admin was created now with a generated password: the
  // caller prints it once. It is never stored (only its hash is).
  std::optional<std::string> generated_admin_password;
};

// Makes sure the default org (id 1, "Main Org.") and the server admin exist,
// as on Grafana's first start. `admin_password` empty = generate one.
// Idempotent: later starts change nothing.
[[nodiscard]] domain::Result<BootstrapResult> Bootstrap(
    Ledger& ledger, const std::string& admin_login,
    const std::string& admin_password);

}  // namespace keyledger::projections

#endif  // KEYLEDGER_PROJECTIONS_BOOTSTRAP_H_
