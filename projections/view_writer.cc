#include "projections/view_writer.h"

#include <rocksdb/write_batch.h>

#include <map>
#include <optional>

#include "domain/audit_target.h"
#include "eventstore/column_families.h"
#include "eventstore/event_store.h"
#include "projections/row_codec.h"
#include "projections/touched.h"
#include "projections/view_keys.h"
#include "views.pb.h"

namespace keyledger::projections {
namespace {

namespace cf = eventstore::cf;

template <typename Map, typename Key>
auto Find(const Map& map, const Key& key)
    -> std::optional<typename Map::mapped_type> {
  auto it = map.find(key);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

// The before-images of everything an event touches.
struct BeforeImages {
  std::map<int64_t, std::optional<domain::KeyRecord>> keys;
  std::map<int64_t, std::optional<domain::ServiceAccountRecord>> accounts;
};

BeforeImages Capture(const domain::State& state, const Touched& touched) {
  BeforeImages images;
  for (int64_t id : touched.keys) images.keys[id] = Find(state.keys, id);
  for (int64_t id : touched.service_accounts) {
    images.accounts[id] = Find(state.service_accounts, id);
  }
  return images;
}

}  // namespace

ViewWriter::ViewWriter(const eventstore::EventStore& store)
    : keys_(store.column_family(std::string(cf::kViewKeys))),
      service_accounts_(store.column_family(std::string(cf::kViewServiceAccounts))),
      identity_(store.column_family(std::string(cf::kViewIdentity))),
      audit_(store.column_family(std::string(cf::kViewAudit))),
      audit_by_org_(store.column_family(std::string(cf::kViewAuditByOrg))),
      checkpoints_(store.column_family(std::string(cf::kCheckpoints))) {}

void ViewWriter::Apply(domain::State& state,
                       const eventstore::RecordedEvent& recorded,
                       const domain::Event& event, ViewSet views,
                       rocksdb::WriteBatch& batch) const {
  if (views.Has(View::kAudit)) PutAudit(state, recorded, event, batch);
  const Touched touched = TouchedBy(event);
  const BeforeImages before = Capture(state, touched);
  domain::Evolve(state, event);
  if (views.Has(View::kKeys)) {
    for (const auto& [id, old] : before.keys) {
      if (old) DeleteKey(*old, batch);
      if (auto now = Find(state.keys, id)) PutKey(*now, batch);
    }
  }
  if (views.Has(View::kServiceAccounts)) {
    for (const auto& [id, old] : before.accounts) {
      if (old) DeleteServiceAccount(*old, batch);
      if (auto now = Find(state.service_accounts, id)) PutServiceAccount(*now, batch);
    }
  }
  if (views.Has(View::kIdentity)) {
    for (int64_t id : touched.orgs) {
      if (auto org = Find(state.orgs, id)) {
        batch.Put(identity_, TaggedIdKey('o', id), SerializeOrg(*org));
      }
    }
    for (int64_t id : touched.users) {
      if (auto user = Find(state.users, id)) {
        batch.Put(identity_, TaggedIdKey('u', id), SerializeUser(*user));
      }
    }
    batch.Put(identity_, "c", SerializeCounters(state));
  }
}

void ViewWriter::PutState(const domain::State& state, ViewSet views,
                          rocksdb::WriteBatch& batch) const {
  if (views.Has(View::kKeys)) {
    for (const auto& [id, record] : state.keys) PutKey(record, batch);
  }
  if (views.Has(View::kServiceAccounts)) {
    for (const auto& [id, record] : state.service_accounts) {
      PutServiceAccount(record, batch);
    }
  }
  if (views.Has(View::kIdentity)) {
    for (const auto& [id, org] : state.orgs) {
      batch.Put(identity_, TaggedIdKey('o', id), SerializeOrg(org));
    }
    for (const auto& [id, user] : state.users) {
      batch.Put(identity_, TaggedIdKey('u', id), SerializeUser(user));
    }
    batch.Put(identity_, "c", SerializeCounters(state));
  }
}

void ViewWriter::PutCheckpoints(uint64_t position, ViewSet views,
                                rocksdb::WriteBatch& batch) const {
  for (View view : kAllViews) {
    if (views.Has(view)) {
      batch.Put(checkpoints_, std::string(ViewName(view)), EncodeU64(position));
    }
  }
}

void ViewWriter::PutAudit(const domain::State& before,
                          const eventstore::RecordedEvent& recorded,
                          const domain::Event& event,
                          rocksdb::WriteBatch& batch) const {
  const domain::AuditTarget target = domain::TargetOf(before, event);
  views::v1::AuditRow row;
  row.set_position(recorded.position);
  row.set_time_ms(recorded.recorded_at_ms);
  row.set_org_id(domain::OrgOf(event));
  row.set_actor_kind(recorded.metadata.actor_kind);
  row.set_actor_id(recorded.metadata.actor_id);
  row.set_actor_login(recorded.metadata.actor_login);
  row.set_action(std::string(domain::EventName(event)));
  row.set_target_kind(target.kind);
  row.set_target_id(target.id);
  row.set_target_name(target.name);
  row.set_outcome("success");
  row.set_request_id(recorded.metadata.request_id);
  row.set_client_address(recorded.metadata.client_address);
  batch.Put(audit_, EncodeU64(recorded.position), row.SerializeAsString());
  batch.Put(audit_by_org_, AuditByOrgKey(row.org_id(), recorded.position), "");
}

void ViewWriter::PutKey(const domain::KeyRecord& r,
                        rocksdb::WriteBatch& batch) const {
  const std::string id = EncodeU64(static_cast<uint64_t>(r.id));
  batch.Put(keys_, TaggedIdKey('i', r.id), SerializeKey(r));
  batch.Put(keys_, TaggedOrgNameKey('n', r.org_id, r.name), id);
  batch.Put(keys_, "h" + r.hash.hex, id);
}

void ViewWriter::DeleteKey(const domain::KeyRecord& r,
                           rocksdb::WriteBatch& batch) const {
  batch.Delete(keys_, TaggedIdKey('i', r.id));
  batch.Delete(keys_, TaggedOrgNameKey('n', r.org_id, r.name));
  batch.Delete(keys_, "h" + r.hash.hex);
}

void ViewWriter::PutServiceAccount(const domain::ServiceAccountRecord& r,
                                   rocksdb::WriteBatch& batch) const {
  batch.Put(service_accounts_, TaggedIdKey('i', r.id), SerializeServiceAccount(r));
  batch.Put(service_accounts_, TaggedOrgNameKey('l', r.org_id, r.login),
            EncodeU64(static_cast<uint64_t>(r.id)));
}

void ViewWriter::DeleteServiceAccount(const domain::ServiceAccountRecord& r,
                                      rocksdb::WriteBatch& batch) const {
  batch.Delete(service_accounts_, TaggedIdKey('i', r.id));
  batch.Delete(service_accounts_, TaggedOrgNameKey('l', r.org_id, r.login));
}

}  // namespace keyledger::projections
