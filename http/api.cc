#include "http/api.h"

#include "http/api_deps.h"
#include "http/api_routes.h"
#include "http/audit_handlers.h"
#include "http/authenticator.h"
#include "http/idempotency_cache.h"
#include "http/key_use_recorder.h"
#include "http/ops_handlers.h"
#include "http/org_user_handlers.h"
#include "projections/ledger.h"

namespace keyledger::http {

// Owns what the handlers share; `deps` refers to the members above it, and
// the routes refer to `deps`, so an Impl outlives every request it serves.
class Api::Impl {
 public:
  Impl(projections::Ledger& ledger, Metrics& metrics, ApiSettings settings)
      : settings_(std::move(settings)),
        authenticator_(ledger),
        recorder_(ledger),
        deps_{ledger, metrics, authenticator_, settings_, &idempotency_} {
    authenticator_.SetKeyUseSink(
        [this](int64_t key_id, int64_t org_id, int64_t now) {
          recorder_.Record(key_id, org_id, now);
        });
  }

  void AddRoutes(Router& router) {
    AddApiKeyRoutes(router, deps_);
    AddServiceAccountRoutes(router, deps_);
    AddTokenRoutes(router, deps_);
    AddMigrationRoutes(router, deps_);
    AddVerifyRoutes(router, deps_);
    AddOrgUserRoutes(router, deps_);
    AddAuditRoutes(router, deps_);
    AddOpsRoutes(router, deps_);
  }

  void FlushKeyUse() { recorder_.Flush(); }

 private:
  ApiSettings settings_;
  Authenticator authenticator_;
  IdempotencyCache idempotency_;
  KeyUseRecorder recorder_;
  ApiDeps deps_;
};

Api::Api(projections::Ledger& ledger, Metrics& metrics, ApiSettings settings)
    : impl_(std::make_unique<Impl>(ledger, metrics, std::move(settings))) {}

Api::~Api() = default;

void Api::AddRoutes(Router& router) { impl_->AddRoutes(router); }

void Api::FlushKeyUse() { impl_->FlushKeyUse(); }

}  // namespace keyledger::http
