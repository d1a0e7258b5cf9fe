#ifndef KEYLEDGER_HTTP_API_H_
#define KEYLEDGER_HTTP_API_H_

// The Grafana-compatible admin API and keyledger's additions (SPEC §5),
// registered on a Router. Owns what the handlers share.

#include <memory>
#include <string>

#include "http/router.h"

namespace keyledger::projections {
class Ledger;
}

namespace keyledger::http {

class Metrics;

struct ApiSettings {
  // [metrics] basic_auth_username / basic_auth_password: when both are set,
  // GET /metrics requires them.
  std::string metrics_user;
  std::string metrics_password;
  std::string version = "0.1.0";
};

class Api {
 public:
  // REQUIRES: `ledger` and `metrics` outlive the Api.
  Api(projections::Ledger& ledger, Metrics& metrics, ApiSettings settings);
  ~Api();
  // Adds every API route (and /metrics) to `router`.
  void AddRoutes(Router& router);
  // Waits until every key use noted so far is recorded (KeyUsed events are
  // written in the background; tests and shutdown use this).
  void FlushKeyUse();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_API_H_
