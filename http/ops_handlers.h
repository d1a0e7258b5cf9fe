#ifndef KEYLEDGER_HTTP_OPS_HANDLERS_H_
#define KEYLEDGER_HTTP_OPS_HANDLERS_H_

// Operations endpoints: GET /api/health and GET /metrics.
//
//   GET /api/health  no authentication (as Grafana). 200 {"database": "ok",
//                    "version": settings.version} when the store answers a
//                    read; 503 {"database": "failing", "version", "message"}
//                    otherwise.
//   GET /metrics     Prometheus text format 0.0.4 of deps.metrics. Open by
//                    default; when settings.metrics_user and
//                    settings.metrics_password are both set it requires
//                    `Authorization: Basic base64(user:password)` and answers
//                    401 {"message": "Unauthorized"} with WWW-Authenticate
//                    otherwise.
//
// AddOpsRoutes also registers, on deps.metrics, the scrape-time families
//   keyledger_build_info{version}                      gauge, always 1
//   keyledger_event_store_last_position                gauge
//   keyledger_projection_checkpoint{view}              gauge
//   keyledger_projection_lag_events{view}              gauge: last position
//                                                      minus the checkpoint
// and keyledger_auth_results_total{result} (see CountAuthResult).
// REQUIRES: called once per Metrics (a second registration throws
// std::invalid_argument); deps outlive the metrics' last Render().

#include <string_view>

#include "http/api_deps.h"
#include "http/metrics.h"
#include "http/router.h"

namespace keyledger::http {

void AddOpsRoutes(Router& router, const ApiDeps& deps);

// Counts one authentication outcome in keyledger_auth_results_total{result}.
// `result` must come from a small fixed set (it is a label value), e.g.
// "success", "invalid", "expired", "revoked", "wrong_org", "disabled",
// "bad_password", "missing". Thread-safe.
void CountAuthResult(Metrics& metrics, std::string_view result);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_OPS_HANDLERS_H_
