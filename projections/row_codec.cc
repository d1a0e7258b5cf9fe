#include "projections/row_codec.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "views.pb.h"

namespace keyledger::projections {
namespace {

namespace v = ::keyledger::views::v1;
using domain::HashScheme;
using domain::Role;

// Deterministic serialization: equal messages give equal bytes. Written
// into a string of the exact size.
std::string Deterministic(const google::protobuf::MessageLite& message) {
  std::string out(message.ByteSizeLong(), '\0');
  google::protobuf::io::ArrayOutputStream array(out.data(),
                                                static_cast<int>(out.size()));
  google::protobuf::io::CodedOutputStream coded(&array);
  coded.SetSerializationDeterministic(true);
  message.SerializeWithCachedSizes(&coded);
  return out;
}

// A message of type Message kept per thread, cleared: it keeps its strings'
// buffers from one row to the next, where a fresh message would allocate
// them for every row (a rebuild serializes, and a restart parses, a
// million key rows). Valid until the thread's next use of the type.
template <typename Message>
Message& Scratch() {
  thread_local Message message;
  message.Clear();
  return message;
}

// `bytes` parsed (see Scratch); null if they do not parse.
template <typename Message>
const Message* Parse(std::string_view bytes) {
  Message& message = Scratch<Message>();
  if (!message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return nullptr;
  }
  return &message;
}

Role ToRole(int32_t value) {
  return value >= 0 && value <= 3 ? static_cast<Role>(value) : Role::kNone;
}

HashScheme ToScheme(int32_t value) {
  return value == static_cast<int32_t>(HashScheme::kPbkdf2Sha256)
             ? HashScheme::kPbkdf2Sha256
             : HashScheme::kSha256;
}

}  // namespace

std::string SerializeKey(const domain::KeyRecord& r) {
  v::KeyRow& row = Scratch<v::KeyRow>();
  row.set_id(r.id);
  row.set_org_id(r.org_id);
  row.set_name(r.name);
  row.set_role(static_cast<int32_t>(r.role));
  row.set_hash_scheme(static_cast<int32_t>(r.hash.scheme));
  r.hash.hex.AppendTo(*row.mutable_hash_hex());
  row.set_created(r.created);
  if (r.expires) row.set_expires(*r.expires);
  if (r.service_account_id) row.set_service_account_id(*r.service_account_id);
  if (r.last_used) row.set_last_used(*r.last_used);
  row.set_revoked(r.revoked);
  return Deterministic(row);
}

std::optional<domain::KeyRecord> ParseKey(std::string_view bytes) {
  auto row = Parse<v::KeyRow>(bytes);
  if (!row) return std::nullopt;
  domain::KeyRecord r;
  r.id = row->id();
  r.org_id = row->org_id();
  r.name = row->name();
  r.role = ToRole(row->role());
  r.hash = {ToScheme(row->hash_scheme()), row->hash_hex()};
  r.created = row->created();
  if (row->has_expires()) r.expires = row->expires();
  if (row->has_service_account_id()) r.service_account_id = row->service_account_id();
  if (row->has_last_used()) r.last_used = row->last_used();
  r.revoked = row->revoked();
  return r;
}

std::string SerializeServiceAccount(const domain::ServiceAccountRecord& r) {
  v::ServiceAccountRow& row = Scratch<v::ServiceAccountRow>();
  row.set_id(r.id);
  row.set_org_id(r.org_id);
  row.set_name(r.name);
  row.set_login(r.login);
  row.set_role(static_cast<int32_t>(r.role));
  row.set_disabled(r.disabled);
  row.set_created(r.created);
  row.set_updated(r.updated);
  row.set_token_count(r.token_count);
  return Deterministic(row);
}

std::optional<domain::ServiceAccountRecord> ParseServiceAccount(
    std::string_view bytes) {
  auto row = Parse<v::ServiceAccountRow>(bytes);
  if (!row) return std::nullopt;
  return domain::ServiceAccountRecord{
      row->id(),       row->org_id(),  row->name(),
      row->login(),    ToRole(row->role()), row->disabled(),
      row->created(),  row->updated(), row->token_count()};
}

std::string SerializeOrg(const domain::OrgRecord& r) {
  v::OrgRow& row = Scratch<v::OrgRow>();
  row.set_id(r.id);
  row.set_name(r.name);
  row.set_created(r.created);
  row.set_api_keys_migrated(r.api_keys_migrated);
  row.set_api_keys_hidden(r.api_keys_hidden);
  return Deterministic(row);
}

std::optional<domain::OrgRecord> ParseOrg(std::string_view bytes) {
  auto row = Parse<v::OrgRow>(bytes);
  if (!row) return std::nullopt;
  return domain::OrgRecord{row->id(), row->name(), row->created(),
                           row->api_keys_migrated(), row->api_keys_hidden()};
}

std::string SerializeUser(const domain::UserRecord& r) {
  v::UserRow& row = Scratch<v::UserRow>();
  row.set_id(r.id);
  row.set_login(r.login);
  row.set_email(r.email);
  row.set_name(r.name);
  row.set_password_scheme(static_cast<int32_t>(r.password.scheme));
  r.password.hex.AppendTo(*row.mutable_password_hex());
  row.set_password_salt(r.password_salt);
  row.set_is_server_admin(r.is_server_admin);
  row.set_created(r.created);
  for (const auto& [org_id, role] : r.org_roles) {
    auto* entry = row.add_org_roles();
    entry->set_org_id(org_id);
    entry->set_role(static_cast<int32_t>(role));
  }
  return Deterministic(row);
}

std::optional<domain::UserRecord> ParseUser(std::string_view bytes) {
  auto row = Parse<v::UserRow>(bytes);
  if (!row) return std::nullopt;
  domain::UserRecord r;
  r.id = row->id();
  r.login = row->login();
  r.email = row->email();
  r.name = row->name();
  r.password = {ToScheme(row->password_scheme()), row->password_hex()};
  r.password_salt = row->password_salt();
  r.is_server_admin = row->is_server_admin();
  r.created = row->created();
  for (const auto& entry : row->org_roles()) {
    r.org_roles[entry.org_id()] = ToRole(entry.role());
  }
  return r;
}

std::string SerializeCounters(const domain::State& state) {
  v::Counters& row = Scratch<v::Counters>();
  row.set_next_org_id(state.next_org_id);
  row.set_next_user_id(state.next_user_id);
  row.set_next_key_id(state.next_key_id);
  return Deterministic(row);
}

bool ParseCounters(std::string_view bytes, domain::State& state) {
  auto row = Parse<v::Counters>(bytes);
  if (!row) return false;
  state.next_org_id = row->next_org_id();
  state.next_user_id = row->next_user_id();
  state.next_key_id = row->next_key_id();
  return true;
}

}  // namespace keyledger::projections
