#ifndef KEYLEDGER_HTTP_API_DEPS_H_
#define KEYLEDGER_HTTP_API_DEPS_H_

// What every API handler may use. Built once by Api::Impl; every reference
// outlives the router the handlers are registered on.

#include "http/api.h"
#include "http/authenticator.h"
#include "http/metrics.h"

namespace keyledger::projections {
class Ledger;
}

namespace keyledger::http {

class IdempotencyCache;

struct ApiDeps {
  projections::Ledger& ledger;
  Metrics& metrics;
  const Authenticator& authenticator;
  const ApiSettings& settings;
  // Replays the first answer to a retried Idempotency-Key (see
  // command_runner.h). Null: retries are still deduplicated by the store,
  // and answered by rebuilding the response from the recorded events.
  IdempotencyCache* idempotency = nullptr;
};

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_API_DEPS_H_
