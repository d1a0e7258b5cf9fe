#include "eventstore/event_proto_mapping.h"

namespace keyledger::eventstore {
namespace {

v1::Role RoleToProto(domain::Role role) { return static_cast<v1::Role>(static_cast<int>(role)); }
domain::Role RoleFromProto(v1::Role role) {
  return v1::Role_IsValid(role) ? static_cast<domain::Role>(static_cast<int>(role)) : domain::Role::kNone;
}

void HashToProto(const domain::HashedSecret& in, v1::HashedSecret* out) {
  out->set_scheme(static_cast<v1::HashScheme>(static_cast<int>(in.scheme)));
  out->set_hex(in.hex.str());
}
domain::HashedSecret HashFromProto(const v1::HashedSecret& in) {
  return {in.scheme() == v1::HASH_SCHEME_PBKDF2_SHA256 ? domain::HashScheme::kPbkdf2Sha256
                                                      : domain::HashScheme::kSha256,
          in.hex()};
}

}  // namespace

v1::OrgCreated ToProto(const domain::OrgCreated& e) {
  v1::OrgCreated m;
  m.set_org_id(e.org_id);
  m.set_name(e.name);
  m.set_created(e.created);
  return m;
}

domain::OrgCreated FromProto(const v1::OrgCreated& m) {
  domain::OrgCreated e;
  e.org_id = m.org_id();
  e.name = m.name();
  e.created = m.created();
  return e;
}

v1::UserCreated ToProto(const domain::UserCreated& e) {
  v1::UserCreated m;
  m.set_user_id(e.user_id);
  m.set_login(e.login);
  m.set_email(e.email);
  m.set_name(e.name);
  HashToProto(e.password, m.mutable_password());
  m.set_password_salt(e.password_salt);
  m.set_is_server_admin(e.is_server_admin);
  m.set_created(e.created);
  return m;
}

domain::UserCreated FromProto(const v1::UserCreated& m) {
  domain::UserCreated e;
  e.user_id = m.user_id();
  e.login = m.login();
  e.email = m.email();
  e.name = m.name();
  e.password = HashFromProto(m.password());
  e.password_salt = m.password_salt();
  e.is_server_admin = m.is_server_admin();
  e.created = m.created();
  return e;
}

v1::OrgUserAdded ToProto(const domain::OrgUserAdded& e) {
  v1::OrgUserAdded m;
  m.set_org_id(e.org_id);
  m.set_user_id(e.user_id);
  m.set_role(RoleToProto(e.role));
  return m;
}

domain::OrgUserAdded FromProto(const v1::OrgUserAdded& m) {
  domain::OrgUserAdded e;
  e.org_id = m.org_id();
  e.user_id = m.user_id();
  e.role = RoleFromProto(m.role());
  return e;
}

v1::OrgUserRoleChanged ToProto(const domain::OrgUserRoleChanged& e) {
  v1::OrgUserRoleChanged m;
  m.set_org_id(e.org_id);
  m.set_user_id(e.user_id);
  m.set_role(RoleToProto(e.role));
  return m;
}

domain::OrgUserRoleChanged FromProto(const v1::OrgUserRoleChanged& m) {
  domain::OrgUserRoleChanged e;
  e.org_id = m.org_id();
  e.user_id = m.user_id();
  e.role = RoleFromProto(m.role());
  return e;
}

v1::OrgUserRemoved ToProto(const domain::OrgUserRemoved& e) {
  v1::OrgUserRemoved m;
  m.set_org_id(e.org_id);
  m.set_user_id(e.user_id);
  return m;
}

domain::OrgUserRemoved FromProto(const v1::OrgUserRemoved& m) {
  domain::OrgUserRemoved e;
  e.org_id = m.org_id();
  e.user_id = m.user_id();
  return e;
}

v1::ApiKeyCreated ToProto(const domain::ApiKeyCreated& e) {
  v1::ApiKeyCreated m;
  m.set_org_id(e.org_id);
  m.set_key_id(e.key_id);
  m.set_name(e.name);
  m.set_role(RoleToProto(e.role));
  HashToProto(e.hash, m.mutable_hash());
  m.set_created(e.created);
  if (e.expires) m.set_expires(*e.expires);
  return m;
}

domain::ApiKeyCreated FromProto(const v1::ApiKeyCreated& m) {
  domain::ApiKeyCreated e;
  e.org_id = m.org_id();
  e.key_id = m.key_id();
  e.name = m.name();
  e.role = RoleFromProto(m.role());
  e.hash = HashFromProto(m.hash());
  e.created = m.created();
  if (m.has_expires()) e.expires = m.expires();
  return e;
}

v1::ApiKeyDeleted ToProto(const domain::ApiKeyDeleted& e) {
  v1::ApiKeyDeleted m;
  m.set_org_id(e.org_id);
  m.set_key_id(e.key_id);
  return m;
}

domain::ApiKeyDeleted FromProto(const v1::ApiKeyDeleted& m) {
  domain::ApiKeyDeleted e;
  e.org_id = m.org_id();
  e.key_id = m.key_id();
  return e;
}

v1::ServiceAccountCreated ToProto(const domain::ServiceAccountCreated& e) {
  v1::ServiceAccountCreated m;
  m.set_org_id(e.org_id);
  m.set_service_account_id(e.service_account_id);
  m.set_name(e.name);
  m.set_login(e.login);
  m.set_role(RoleToProto(e.role));
  m.set_disabled(e.disabled);
  m.set_created(e.created);
  return m;
}

domain::ServiceAccountCreated FromProto(const v1::ServiceAccountCreated& m) {
  domain::ServiceAccountCreated e;
  e.org_id = m.org_id();
  e.service_account_id = m.service_account_id();
  e.name = m.name();
  e.login = m.login();
  e.role = RoleFromProto(m.role());
  e.disabled = m.disabled();
  e.created = m.created();
  return e;
}

v1::ServiceAccountUpdated ToProto(const domain::ServiceAccountUpdated& e) {
  v1::ServiceAccountUpdated m;
  m.set_org_id(e.org_id);
  m.set_service_account_id(e.service_account_id);
  m.set_name(e.name);
  m.set_role(RoleToProto(e.role));
  m.set_disabled(e.disabled);
  m.set_updated(e.updated);
  return m;
}

domain::ServiceAccountUpdated FromProto(const v1::ServiceAccountUpdated& m) {
  domain::ServiceAccountUpdated e;
  e.org_id = m.org_id();
  e.service_account_id = m.service_account_id();
  e.name = m.name();
  e.role = RoleFromProto(m.role());
  e.disabled = m.disabled();
  e.updated = m.updated();
  return e;
}

v1::ServiceAccountDeleted ToProto(const domain::ServiceAccountDeleted& e) {
  v1::ServiceAccountDeleted m;
  m.set_org_id(e.org_id);
  m.set_service_account_id(e.service_account_id);
  for (const auto& v : e.deleted_token_ids) m.add_deleted_token_ids(v);
  return m;
}

domain::ServiceAccountDeleted FromProto(const v1::ServiceAccountDeleted& m) {
  domain::ServiceAccountDeleted e;
  e.org_id = m.org_id();
  e.service_account_id = m.service_account_id();
  e.deleted_token_ids.assign(m.deleted_token_ids().begin(), m.deleted_token_ids().end());
  return e;
}

v1::TokenCreated ToProto(const domain::TokenCreated& e) {
  v1::TokenCreated m;
  m.set_org_id(e.org_id);
  m.set_service_account_id(e.service_account_id);
  m.set_key_id(e.key_id);
  m.set_name(e.name);
  m.set_role(RoleToProto(e.role));
  HashToProto(e.hash, m.mutable_hash());
  m.set_created(e.created);
  if (e.expires) m.set_expires(*e.expires);
  return m;
}

domain::TokenCreated FromProto(const v1::TokenCreated& m) {
  domain::TokenCreated e;
  e.org_id = m.org_id();
  e.service_account_id = m.service_account_id();
  e.key_id = m.key_id();
  e.name = m.name();
  e.role = RoleFromProto(m.role());
  e.hash = HashFromProto(m.hash());
  e.created = m.created();
  if (m.has_expires()) e.expires = m.expires();
  return e;
}

v1::TokenDeleted ToProto(const domain::TokenDeleted& e) {
  v1::TokenDeleted m;
  m.set_org_id(e.org_id);
  m.set_service_account_id(e.service_account_id);
  m.set_key_id(e.key_id);
  return m;
}

domain::TokenDeleted FromProto(const v1::TokenDeleted& m) {
  domain::TokenDeleted e;
  e.org_id = m.org_id();
  e.service_account_id = m.service_account_id();
  e.key_id = m.key_id();
  return e;
}

v1::TokenRevoked ToProto(const domain::TokenRevoked& e) {
  v1::TokenRevoked m;
  m.set_org_id(e.org_id);
  m.set_service_account_id(e.service_account_id);
  m.set_key_id(e.key_id);
  return m;
}

domain::TokenRevoked FromProto(const v1::TokenRevoked& m) {
  domain::TokenRevoked e;
  e.org_id = m.org_id();
  e.service_account_id = m.service_account_id();
  e.key_id = m.key_id();
  return e;
}

v1::ApiKeyMigrated ToProto(const domain::ApiKeyMigrated& e) {
  v1::ApiKeyMigrated m;
  m.set_org_id(e.org_id);
  m.set_key_id(e.key_id);
  m.set_service_account_id(e.service_account_id);
  return m;
}

domain::ApiKeyMigrated FromProto(const v1::ApiKeyMigrated& m) {
  domain::ApiKeyMigrated e;
  e.org_id = m.org_id();
  e.key_id = m.key_id();
  e.service_account_id = m.service_account_id();
  return e;
}

v1::ApiKeysMigrationCompleted ToProto(const domain::ApiKeysMigrationCompleted& e) {
  v1::ApiKeysMigrationCompleted m;
  m.set_org_id(e.org_id);
  m.set_total(e.total);
  m.set_migrated(e.migrated);
  m.set_failed(e.failed);
  for (const auto& v : e.failed_key_ids) m.add_failed_key_ids(v);
  for (const auto& v : e.failed_details) m.add_failed_details(v);
  return m;
}

domain::ApiKeysMigrationCompleted FromProto(const v1::ApiKeysMigrationCompleted& m) {
  domain::ApiKeysMigrationCompleted e;
  e.org_id = m.org_id();
  e.total = m.total();
  e.migrated = m.migrated();
  e.failed = m.failed();
  e.failed_key_ids.assign(m.failed_key_ids().begin(), m.failed_key_ids().end());
  e.failed_details.assign(m.failed_details().begin(), m.failed_details().end());
  return e;
}

v1::ApiKeysHidden ToProto(const domain::ApiKeysHidden& e) {
  v1::ApiKeysHidden m;
  m.set_org_id(e.org_id);
  return m;
}

domain::ApiKeysHidden FromProto(const v1::ApiKeysHidden& m) {
  domain::ApiKeysHidden e;
  e.org_id = m.org_id();
  return e;
}

v1::TokenReverted ToProto(const domain::TokenReverted& e) {
  v1::TokenReverted m;
  m.set_org_id(e.org_id);
  m.set_key_id(e.key_id);
  m.set_service_account_id(e.service_account_id);
  return m;
}

domain::TokenReverted FromProto(const v1::TokenReverted& m) {
  domain::TokenReverted e;
  e.org_id = m.org_id();
  e.key_id = m.key_id();
  e.service_account_id = m.service_account_id();
  return e;
}

v1::KeyUsed ToProto(const domain::KeyUsed& e) {
  v1::KeyUsed m;
  m.set_org_id(e.org_id);
  m.set_key_id(e.key_id);
  m.set_at(e.at);
  return m;
}

domain::KeyUsed FromProto(const v1::KeyUsed& m) {
  domain::KeyUsed e;
  e.org_id = m.org_id();
  e.key_id = m.key_id();
  e.at = m.at();
  return e;
}

}  // namespace keyledger::eventstore
