#include "projections/touched.h"

namespace keyledger::projections {
namespace {

namespace d = domain;

struct TouchedVisitor {
  Touched t;
  void operator()(const d::OrgCreated& e) { t.orgs = {e.org_id}; }
  void operator()(const d::UserCreated& e) { t.users = {e.user_id}; }
  void operator()(const d::OrgUserAdded& e) { t.users = {e.user_id}; }
  void operator()(const d::OrgUserRoleChanged& e) { t.users = {e.user_id}; }
  void operator()(const d::OrgUserRemoved& e) { t.users = {e.user_id}; }
  void operator()(const d::ApiKeyCreated& e) { t.keys = {e.key_id}; }
  void operator()(const d::ApiKeyDeleted& e) { t.keys = {e.key_id}; }
  void operator()(const d::ServiceAccountCreated& e) {
    t.service_accounts = {e.service_account_id};
  }
  void operator()(const d::ServiceAccountUpdated& e) {
    t.service_accounts = {e.service_account_id};
  }
  void operator()(const d::ServiceAccountDeleted& e) {
    t.service_accounts = {e.service_account_id};
    t.keys = e.deleted_token_ids;
  }
  void operator()(const d::TokenCreated& e) { Token(e.key_id, e.service_account_id); }
  void operator()(const d::TokenDeleted& e) { Token(e.key_id, e.service_account_id); }
  void operator()(const d::TokenRevoked& e) { Token(e.key_id, e.service_account_id); }
  void operator()(const d::ApiKeyMigrated& e) { Token(e.key_id, e.service_account_id); }
  void operator()(const d::TokenReverted& e) { Token(e.key_id, e.service_account_id); }
  void operator()(const d::ApiKeysMigrationCompleted& e) { t.orgs = {e.org_id}; }
  void operator()(const d::ApiKeysHidden& e) { t.orgs = {e.org_id}; }
  void operator()(const d::KeyUsed& e) { t.keys = {e.key_id}; }

  // A token event changes the token and its account's token count.
  void Token(int64_t key_id, int64_t service_account_id) {
    t.keys = {key_id};
    t.service_accounts = {service_account_id};
  }
};

}  // namespace

Touched TouchedBy(const domain::Event& event) {
  TouchedVisitor visitor;
  std::visit(visitor, event);
  return std::move(visitor.t);
}

}  // namespace keyledger::projections
