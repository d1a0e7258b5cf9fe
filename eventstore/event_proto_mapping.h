#ifndef KEYLEDGER_EVENTSTORE_EVENT_PROTO_MAPPING_H_
#define KEYLEDGER_EVENTSTORE_EVENT_PROTO_MAPPING_H_

// Field-by-field mapping between each domain event and its Protobuf message.
// Used by event_codec.cc; ProtoOf<T>::type names the message of T.

#include "domain/events.h"
#include "events.pb.h"

namespace keyledger::eventstore {
namespace v1 = ::keyledger::v1;

template <typename T>
struct ProtoOf;

template <>
struct ProtoOf<domain::OrgCreated> {
  using type = v1::OrgCreated;
};
v1::OrgCreated ToProto(const domain::OrgCreated& e);
domain::OrgCreated FromProto(const v1::OrgCreated& m);

template <>
struct ProtoOf<domain::UserCreated> {
  using type = v1::UserCreated;
};
v1::UserCreated ToProto(const domain::UserCreated& e);
domain::UserCreated FromProto(const v1::UserCreated& m);

template <>
struct ProtoOf<domain::OrgUserAdded> {
  using type = v1::OrgUserAdded;
};
v1::OrgUserAdded ToProto(const domain::OrgUserAdded& e);
domain::OrgUserAdded FromProto(const v1::OrgUserAdded& m);

template <>
struct ProtoOf<domain::OrgUserRoleChanged> {
  using type = v1::OrgUserRoleChanged;
};
v1::OrgUserRoleChanged ToProto(const domain::OrgUserRoleChanged& e);
domain::OrgUserRoleChanged FromProto(const v1::OrgUserRoleChanged& m);

template <>
struct ProtoOf<domain::OrgUserRemoved> {
  using type = v1::OrgUserRemoved;
};
v1::OrgUserRemoved ToProto(const domain::OrgUserRemoved& e);
domain::OrgUserRemoved FromProto(const v1::OrgUserRemoved& m);

template <>
struct ProtoOf<domain::ApiKeyCreated> {
  using type = v1::ApiKeyCreated;
};
v1::ApiKeyCreated ToProto(const domain::ApiKeyCreated& e);
domain::ApiKeyCreated FromProto(const v1::ApiKeyCreated& m);

template <>
struct ProtoOf<domain::ApiKeyDeleted> {
  using type = v1::ApiKeyDeleted;
};
v1::ApiKeyDeleted ToProto(const domain::ApiKeyDeleted& e);
domain::ApiKeyDeleted FromProto(const v1::ApiKeyDeleted& m);

template <>
struct ProtoOf<domain::ServiceAccountCreated> {
  using type = v1::ServiceAccountCreated;
};
v1::ServiceAccountCreated ToProto(const domain::ServiceAccountCreated& e);
domain::ServiceAccountCreated FromProto(const v1::ServiceAccountCreated& m);

template <>
struct ProtoOf<domain::ServiceAccountUpdated> {
  using type = v1::ServiceAccountUpdated;
};
v1::ServiceAccountUpdated ToProto(const domain::ServiceAccountUpdated& e);
domain::ServiceAccountUpdated FromProto(const v1::ServiceAccountUpdated& m);

template <>
struct ProtoOf<domain::ServiceAccountDeleted> {
  using type = v1::ServiceAccountDeleted;
};
v1::ServiceAccountDeleted ToProto(const domain::ServiceAccountDeleted& e);
domain::ServiceAccountDeleted FromProto(const v1::ServiceAccountDeleted& m);

template <>
struct ProtoOf<domain::TokenCreated> {
  using type = v1::TokenCreated;
};
v1::TokenCreated ToProto(const domain::TokenCreated& e);
domain::TokenCreated FromProto(const v1::TokenCreated& m);

template <>
struct ProtoOf<domain::TokenDeleted> {
  using type = v1::TokenDeleted;
};
v1::TokenDeleted ToProto(const domain::TokenDeleted& e);
domain::TokenDeleted FromProto(const v1::TokenDeleted& m);

template <>
struct ProtoOf<domain::TokenRevoked> {
  using type = v1::TokenRevoked;
};
v1::TokenRevoked ToProto(const domain::TokenRevoked& e);
domain::TokenRevoked FromProto(const v1::TokenRevoked& m);

template <>
struct ProtoOf<domain::ApiKeyMigrated> {
  using type = v1::ApiKeyMigrated;
};
v1::ApiKeyMigrated ToProto(const domain::ApiKeyMigrated& e);
domain::ApiKeyMigrated FromProto(const v1::ApiKeyMigrated& m);

template <>
struct ProtoOf<domain::ApiKeysMigrationCompleted> {
  using type = v1::ApiKeysMigrationCompleted;
};
v1::ApiKeysMigrationCompleted ToProto(const domain::ApiKeysMigrationCompleted& e);
domain::ApiKeysMigrationCompleted FromProto(const v1::ApiKeysMigrationCompleted& m);

template <>
struct ProtoOf<domain::ApiKeysHidden> {
  using type = v1::ApiKeysHidden;
};
v1::ApiKeysHidden ToProto(const domain::ApiKeysHidden& e);
domain::ApiKeysHidden FromProto(const v1::ApiKeysHidden& m);

template <>
struct ProtoOf<domain::TokenReverted> {
  using type = v1::TokenReverted;
};
v1::TokenReverted ToProto(const domain::TokenReverted& e);
domain::TokenReverted FromProto(const v1::TokenReverted& m);

template <>
struct ProtoOf<domain::KeyUsed> {
  using type = v1::KeyUsed;
};
v1::KeyUsed ToProto(const domain::KeyUsed& e);
domain::KeyUsed FromProto(const v1::KeyUsed& m);

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_EVENT_PROTO_MAPPING_H_
