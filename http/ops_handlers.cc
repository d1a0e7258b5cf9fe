#include "http/ops_handlers.h"

#include <openssl/evp.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "domain/secret_hash.h"
#include "eventstore/event_store.h"
#include "projections/ledger.h"
#include "projections/state_loader.h"
#include "projections/view_set.h"

namespace keyledger::http {
namespace {

constexpr const char* kAuthResults = "keyledger_auth_results_total";
constexpr const char* kAuthResultsHelp =
    "Authentication attempts by result (success or the reason of failure).";

std::string Base64(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(data.data()),
                      static_cast<int>(data.size()));
  out.resize(static_cast<size_t>(written));
  return out;
}

// The store answers a read: the keys view's checkpoint is one RocksDB Get.
domain::Result<void> ProbeStore(const eventstore::EventStore& store) {
  auto checkpoint =
      projections::ReadCheckpoint(store, projections::View::kKeys);
  if (!checkpoint) return checkpoint.error();
  return {};
}

Response Health(const ApiDeps& deps) {
  boost::json::object body;
  const domain::Result<void> probe = ProbeStore(deps.ledger.store());
  body["database"] = probe ? "ok" : "failing";
  body["version"] = deps.settings.version;
  if (!probe) body["message"] = "the event store cannot be read";
  return JsonResponse(probe ? 200 : 503, body);
}

// True when the request may read /metrics.
bool MetricsAllowed(const ApiSettings& settings, const Request& request) {
  if (settings.metrics_user.empty() || settings.metrics_password.empty()) {
    return true;
  }
  const std::string expected = "Basic " + Base64(settings.metrics_user + ":" +
                                                 settings.metrics_password);
  return domain::ConstantTimeEquals(request.Header("Authorization"), expected);
}

Response MetricsText(const ApiDeps& deps, const Request& request) {
  if (!MetricsAllowed(deps.settings, request)) {
    Response response = ErrorResponse(401, "Unauthorized");
    response.headers.emplace_back("WWW-Authenticate",
                                  "Basic realm=\"metrics\"");
    return response;
  }
  return TextResponse(200, deps.metrics.Render(), Metrics::kContentType);
}

// Per view: its checkpoint, or its lag behind the log (never negative: the
// log may grow between the two reads). Views that cannot be read are left out.
std::vector<Sample> ViewSamples(const eventstore::EventStore& store, bool lag) {
  const uint64_t last = store.LastPosition();
  std::vector<Sample> samples;
  for (projections::View view : projections::kAllViews) {
    auto checkpoint = projections::ReadCheckpoint(store, view);
    if (!checkpoint) continue;
    const uint64_t behind = last > *checkpoint ? last - *checkpoint : 0;
    samples.push_back({{{"view", std::string(projections::ViewName(view))}},
                       static_cast<double>(lag ? behind : *checkpoint)});
  }
  return samples;
}

// The writer's group commit: how many synced writes, and how many requests
// each one carried (the fsync batch sizes).
void RegisterWriterMetrics(Metrics& metrics, const eventstore::EventStore& store) {
  const std::pair<const char*, uint64_t eventstore::StoreStats::*> counters[] = {
      {"keyledger_event_store_synced_writes_total", &eventstore::StoreStats::synced_writes},
      {"keyledger_event_store_appends_total", &eventstore::StoreStats::committed_requests},
      {"keyledger_event_store_events_total", &eventstore::StoreStats::committed_events},
      {"keyledger_event_store_failed_writes_total", &eventstore::StoreStats::failed_writes}};
  for (const auto& [name, field] : counters) {
    metrics.AddCallback(name, "Event store writer counter since start.",
                        CallbackType::kCounter, [&store, field = field] {
                          return std::vector<Sample>{{{}, static_cast<double>(store.Stats().*field)}};
                        });
  }
  metrics.AddCallback(
      "keyledger_event_store_group_size_total",
      "Synced writes by the number of requests they committed (at most max_requests).",
      CallbackType::kCounter, [&store] {
        const eventstore::StoreStats stats = store.Stats();
        std::vector<Sample> samples;
        for (size_t i = 0; i < eventstore::kGroupSizeBounds.size(); ++i) {
          samples.push_back({{{"max_requests", std::to_string(eventstore::kGroupSizeBounds[i])}},
                             static_cast<double>(stats.group_sizes[i])});
        }
        return samples;
      });
}

void RegisterStoreMetrics(const ApiDeps& deps) {
  const eventstore::EventStore& store = deps.ledger.store();
  deps.metrics.AddCallback(
      "keyledger_build_info", "The running version (value 1).",
      CallbackType::kGauge, [version = deps.settings.version] {
        return std::vector<Sample>{{{{"version", version}}, 1}};
      });
  deps.metrics.AddGauge(
      "keyledger_event_store_last_position",
      "The last durable global position of the event log.",
      [&store] { return static_cast<double>(store.LastPosition()); });
  deps.metrics.AddCallback("keyledger_projection_checkpoint",
                           "The last global position applied to each view.",
                           CallbackType::kGauge,
                           [&store] { return ViewSamples(store, false); });
  deps.metrics.AddCallback("keyledger_projection_lag_events",
                           "Events in the log not yet applied to each view.",
                           CallbackType::kGauge,
                           [&store] { return ViewSamples(store, true); });
  deps.metrics.AddCounter(kAuthResults, kAuthResultsHelp, {"result"});
  RegisterWriterMetrics(deps.metrics, store);
}

}  // namespace

void CountAuthResult(Metrics& metrics, std::string_view result) {
  // Per thread, the series this thread has counted into, for the Metrics
  // object whose serial it holds (serials are never reused, so a cache left
  // by a destroyed Metrics is recognised and dropped, never dereferenced).
  // Results are a small fixed set, so the scan is short and a request takes
  // no lock, builds no string and looks nothing up in a map.
  struct Cache {
    uint64_t serial = 0;
    std::vector<std::pair<std::string, Counter*>> series;
  };
  thread_local Cache cache;
  if (cache.serial != metrics.serial()) cache = Cache{metrics.serial(), {}};
  for (const auto& [label, counter] : cache.series) {
    if (label == result) return counter->Increment();
  }
  Counter& counter =
      metrics.AddCounter(kAuthResults, kAuthResultsHelp, {"result"})
          .WithLabels({std::string(result)});
  cache.series.emplace_back(std::string(result), &counter);
  counter.Increment();
}

void AddOpsRoutes(Router& router, const ApiDeps& deps) {
  RegisterStoreMetrics(deps);
  router.Add("GET", "/api/health", [&deps](const Request&, const PathParams&) {
    return Health(deps);
  });
  router.Add("GET", "/metrics",
             [&deps](const Request& request, const PathParams&) {
               return MetricsText(deps, request);
             });
}

}  // namespace keyledger::http
